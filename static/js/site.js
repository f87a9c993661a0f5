// On small screens the filter panel starts closed, so results are the first thing a phone shows.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 800px)").matches) {
    document.querySelectorAll("details.facet-panel").forEach((panel) => panel.removeAttribute("open"));
  }
});
