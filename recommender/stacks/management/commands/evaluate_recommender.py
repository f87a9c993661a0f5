from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from django.core.management.base import BaseCommand

from recommender.stacks import engine
from recommender.stacks.evaluation import CASES, SECOND_LABELS, TRAIN_CASES, Report, evaluate, load_cases
from recommender.stacks.evaluation import agreement as agreement_of
from recommender.stacks.evaluation import cross_validate as run_cross_validation
from recommender.stacks.precedents import K as SHIPPED_K
from recommender.stacks.tool_weights import (
    MIN_TOOL_PAIRS,
    PRECEDENT_KS,
    PRECEDENT_WEIGHTS,
    best_precedent,
    popularity_by_stage,
    precedent_grid,
)

TARGETS = {"recall": 0.9, "precision": 0.8, "hit_rate": 0.8}
NAMED_WEIGHTS = (0.0, 0.15, 0.3, 0.5, 1.0)
DEVICE_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5)


class Command(BaseCommand):
    help = (
        "Run the labelled use cases through the stack recommender and print stage recall and precision, the "
        "acceptable-tool hit rate, constraint violations and latency. With --cross-validate, judge the example "
        "cases it learns from instead, each by a model fitted on the other folds."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cases", type=Path, default=None, help="A JSON file of labelled cases.")
        parser.add_argument("--verbose", action="store_true", help="Show every case, not just those with errors.")
        parser.add_argument(
            "--cross-validate", action="store_true", help="5-fold cross-validation on the example (training) cases."
        )
        parser.add_argument(
            "--agreement",
            action="store_true",
            help="Also score a second labeller's stages for the evaluation texts against the evaluation labels.",
        )
        parser.add_argument(
            "--tool-weights",
            action="store_true",
            help="Choose how much popularity counts per stage from the example cases' acceptable tools, "
            "cross-validated, and compare with the factors the recommender ships.",
        )
        parser.add_argument(
            "--precedents",
            action="store_true",
            help="Try how many nearest example cases vote for tools and how much their vote counts, "
            "cross-validated on the example cases' acceptable tools, and compare with what the recommender ships.",
        )
        parser.add_argument(
            "--named-weights",
            action="store_true",
            help="Try how much a tool the text names as the team's counts, cross-validated on the example cases.",
        )
        parser.add_argument(
            "--device-weights",
            action="store_true",
            help="Try how much a tool that runs on the device counts for a text whose model runs there, "
            "cross-validated on the example cases.",
        )

    def handle(
        self,
        *args,
        cases: Path | None,
        verbose: bool,
        cross_validate: bool,
        agreement: bool,
        tool_weights: bool,
        precedents: bool,
        named_weights: bool,
        device_weights: bool,
        **options,
    ):
        if named_weights:
            what = "a tool the text names as the team's"
            self.show_weights(
                load_cases(cases or TRAIN_CASES), what, NAMED_WEIGHTS, engine.named_weight, engine.W_NAMED
            )
            return
        if device_weights:
            what = "an on-device tool for a text whose model runs on the device"
            self.show_weights(
                load_cases(cases or TRAIN_CASES), what, DEVICE_WEIGHTS, engine.device_weight, engine.W_DEVICE
            )
            return
        if precedents:
            self.show_precedents(load_cases(cases or TRAIN_CASES))
            return
        if tool_weights:
            self.show_tool_weights(load_cases(cases or TRAIN_CASES))
            return
        if cross_validate:
            report = run_cross_validation(load_cases(cases or TRAIN_CASES))
        else:
            report = evaluate(load_cases(cases or CASES))
        self.show(report, verbose)
        if agreement:
            recall, precision = agreement_of(load_cases(cases or CASES), load_cases(SECOND_LABELS))
            self.stdout.write(
                f"second labeller against the same labels: recall {recall:.3f}, precision {precision:.3f} "
                "(how far two people agree)"
            )

    def show(self, report: Report, verbose: bool) -> None:
        for case in report.cases:
            wrong_tools = {
                stage: case.picks.get(stage) for stage, ok in case.acceptable.items() if case.picks.get(stage) not in ok
            }
            if verbose or case.missing or case.extra or wrong_tools or case.violations:
                self.stdout.write(f"{case.id}: {' '.join(case.predicted)}")
                if case.missing:
                    self.stdout.write(f"    missing stages: {' '.join(sorted(case.missing))}")
                if case.extra:
                    self.stdout.write(f"    extra stages:   {' '.join(sorted(case.extra))}")
                for stage, tool in wrong_tools.items():
                    self.stdout.write(f"    {stage}: picked {tool}, acceptable {', '.join(case.acceptable[stage])}")
                for violation in case.violations:
                    self.stdout.write(self.style.ERROR(f"    violation: {violation}"))
        figures = {"recall": report.recall, "precision": report.precision, "hit_rate": report.hit_rate}
        self.stdout.write("")
        self.stdout.write(f"cases: {len(report.cases)} ({len(report.tool_pairs)} labelled stage picks)")
        for name, value in figures.items():
            mark = "ok" if value >= TARGETS[name] else "BELOW TARGET"
            self.stdout.write(f"{name.replace('_', ' ')}: {value:.3f} (target ≥ {TARGETS[name]}) {mark}")
        self.stdout.write(f"constraint violations: {report.violations} (target 0)")
        self.stdout.write(
            f"latency: median {report.median_ms:.0f} ms, p95 {report.latency_ms(0.95):.0f} ms (in process, warm)"
        )

    def show_tool_weights(self, cases: list[dict]) -> None:
        weights = popularity_by_stage(cases)
        self.stdout.write(f"popularity factor per stage (stages with at least {MIN_TOOL_PAIRS} labelled picks):")
        for stage, factor in sorted(weights.factors.items()):
            self.stdout.write(f"    {stage}: {factor}")
        self.stdout.write(
            f"tool hit rate with the stages given: one weight {weights.common:.3f}, "
            f"per stage {weights.cross_validated:.3f} (5-fold cross-validated)"
        )
        same = weights.factors == engine.POPULARITY_BY_STAGE
        self.stdout.write("shipped factors: " + ("the same" if same else f"differ: {engine.POPULARITY_BY_STAGE}"))

    def show_precedents(self, cases: list[dict]) -> None:
        grid = precedent_grid(cases)
        self.stdout.write("tool hit rate with the stages given, 5-fold cross-validated, by precedent weight and K:")
        self.stdout.write("weight  " + "".join(f"K={k:<7}" for k in PRECEDENT_KS))
        for weight in PRECEDENT_WEIGHTS:
            self.stdout.write(f"{weight:<8}" + "".join(f"{grid[(k, weight)]:<9.3f}" for k in PRECEDENT_KS))
        k, weight = best_precedent(grid)
        shipped = (SHIPPED_K, engine.W_PRECEDENT)
        verdict = "the same" if (k, weight) == shipped else f"differ: K={shipped[0]}, weight {shipped[1]}"
        self.stdout.write(f"best: K={k}, weight {weight}; shipped: {verdict}")

    def show_weights(
        self,
        cases: list[dict],
        what: str,
        weights: tuple[float, ...],
        override: Callable[[float], AbstractContextManager[None]],
        shipped_weight: float,
    ) -> None:
        self.stdout.write(f"5-fold cross-validated, by the weight of {what}:")
        for weight in weights:
            with override(weight):
                report = run_cross_validation(cases)
            shipped = " (shipped)" if weight == shipped_weight else ""
            self.stdout.write(
                f"{weight:<5} recall {report.recall:.3f}, precision {report.precision:.3f}, "
                f"hit rate {report.hit_rate:.3f}{shipped}"
            )
