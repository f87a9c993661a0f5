// On small screens the filter panel starts closed, so results are the first thing a phone shows.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 800px)").matches) {
    document.querySelectorAll("details.facet-panel").forEach((panel) => panel.removeAttribute("open"));
  }
});

// Buttons marked data-print open the browser's print dialog (print.css lays the page out for paper).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
