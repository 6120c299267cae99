"""The house rules that need no run hold on the whole repository: every rule in
primer_tools.rules.RULES, the list `python -m primer_tools check` runs too.
tests/test_authoring_mistakes.py plants a mistake for each rule and shows that it fires."""

import pytest

from helpers import ROOT
from primer_tools.rules import RULES


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_house_rule_holds(rule):
    problems = [str(problem) for problem in rule(ROOT)]
    assert not problems, "\n".join(problems)
