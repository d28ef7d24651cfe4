"""Numbers as a committee writes them in its reports: a count with its measure word (48件), a
share of a whole (占立案总数的59%), an approximation where the committee chooses one (500多条,
近40份, 95%以上), a comparison with the previous period (比上年增加77%, 是去年同期的2倍) and
lists of named items (《…》《…》等10件; A、B和C). Session and term names are
`lib.numerals`' (十届三次会议, 十一届).

Each function is pure and follows one stated rule, so that the generator's sentences and the
tests read the same thing. Rounding is half up on the exact value (1/8 reads 13%, not 12%).
No approximation ever states a number the value contradicts: 近N only below N, N多 and N余
only above N, N%以上 only at or above N%.
"""

from collections.abc import Sequence
from fractions import Fraction
from math import floor

# The approximation styles a committee may choose for a count.
ABOVE = ("多", "余")  # 500多条, 60余篇: more than the round figure
NEAR = "近"  # 近40份: a little less than the round figure

# A count below this is always written exactly (no 近8次).
EXACT_BELOW = 10


def count(value: int, unit: str, style: str = "") -> str:
    """A count with its measure word, as the statistic declares it: 48件, 19次, 128人, 13名.

    With a style the committee chose (see `approximate`) it reads 500多条, 60余篇, 近40份;
    where the style's rule does not hold, the number is written exactly."""
    figure = approximate(value, style) if style else None
    return f"{figure or value}{unit}"


def approximate(value: int, style: str) -> str | None:
    """The approximate figure, or None where the style would misstate the value.

    - 多 / 余: the value cut down to one significant figure below 1,000 and to two from 1,000
      (537 → 500多, 63 → 60余, 1634 → 1600多, 25321 → 25000多), and only when the value is
      above that round figure (500 stays 500).
    - 近: the value rounded up to one significant figure, only when the value is less than it
      by at most a tenth of it (36–39 → 近40, 90–99 → 近100, 5400–5999 → 近6000).
    - Counts below 10 are never approximated."""
    if style not in (*ABOVE, NEAR):
        raise ValueError(f"unknown approximation style: {style!r}")
    if value < EXACT_BELOW:
        return None
    digits = len(str(value))
    if style in ABOVE:
        step = 10 ** (digits - (1 if value < 1000 else 2))
        figure = value // step * step
        return f"{figure}{style}" if figure < value else None
    step = 10 ** (digits - 1)
    figure = -(-value // step) * step
    return f"{NEAR}{figure}" if value < figure and value * 10 >= figure * 9 else None


def percent(fraction: Fraction | float, digits: int = 0) -> str:
    """A fraction of a whole as a percentage: 0.59 → 59%; `digits` decimals when the committee
    asks (17.1%), a zero decimal left out (50%, not 50.0%).

    A part that is neither nothing nor the whole never reads 0% or 100%: it takes as many more
    decimals as it needs (1/300 → 0.3%, 299/300 → 99.7%)."""
    exact = _exact(fraction)
    if exact < 0:
        raise ValueError(f"a negative share: {fraction}")
    text = _percent(exact, digits)
    while 0 < exact < 1 and text in ("0", "100"):
        digits += 1
        text = _percent(exact, digits)
    return f"{text}%"


def _exact(fraction: Fraction | float) -> Fraction:
    """A rate from the registry (a float such as 0.5926) as the decimal it shows, exactly."""
    return Fraction(str(fraction)) if isinstance(fraction, float) else Fraction(fraction)


def _percent(exact: Fraction, digits: int) -> str:
    scaled = floor(exact * 100 * 10**digits + Fraction(1, 2))
    whole, decimals = divmod(scaled, 10**digits)
    tail = str(decimals).rjust(digits, "0").rstrip("0") if digits else ""
    return f"{whole}.{tail}" if tail else str(whole)


def share(part: int, whole: int, whole_name: str, digits: int = 0) -> str:
    """占立案总数的59% (48 of 81), 占委员总数的75% (128 of 171): the part's share of the whole,
    named. No whole, no share: "" (the sentence keeps its count and leaves the clause out)."""
    if not whole:
        return ""
    if not 0 <= part <= whole:
        raise ValueError(f"{part} is not a part of {whole}")
    return f"占{whole_name}的{percent(Fraction(part, whole), digits)}"


AT_LEAST_STEP = 5  # 95%以上, 90%以上, 30%以上: a multiple of five points


def percent_at_least(fraction: Fraction | float) -> str:
    """A rate where the committee chooses 以上: the value cut down to a multiple of five
    points, 以上 (97.3% → 95%以上, 31% → 30%以上). A value on a multiple of five, at 100% or
    below 5% reads exactly (95%, 100%, 3%)."""
    exact = _exact(fraction)
    points = exact * 100
    floor_points = floor(points / AT_LEAST_STEP) * AT_LEAST_STEP
    if AT_LEAST_STEP <= floor_points < points < 100:
        return f"{floor_points}%以上"
    return percent(exact)


def change(current: int, previous: int, against: str) -> str:
    """The count compared with the previous period, named by `against` (上年, 去年同期, 上届):

    - more, less than twice: 比上年增加77% (83 against 47); less: 比上年减少25%;
    - twice or more: 是去年同期的2倍 (see `multiple`);
    - the same: 与上年持平;
    - the previous period had none: 上年为零, as a report writes nought (no percentage of
      nothing); both none: 与上年持平. Where there was nothing to count yet (the system came
      into use since), the generator asks for no comparison at all.
    Percentages follow `percent` (a change never reads 0% or 100% unless it is)."""
    if current < 0 or previous < 0:
        raise ValueError("counts are not negative")
    if current == previous:
        return f"与{against}持平"
    if not previous:
        return f"{against}为零"
    if current >= 2 * previous:
        return f"是{against}的{multiple(Fraction(current, previous))}"
    if current > previous:
        return f"比{against}增加{percent(Fraction(current - previous, previous))}"
    return f"比{against}减少{percent(Fraction(previous - current, previous))}"


def multiple(ratio: Fraction) -> str:
    """2倍, 2.5倍, 2倍多: the ratio cut down to one decimal, never rounded up (2.96 → 2.9倍);
    a ratio above a whole number that cuts down to it reads 倍多 (2.04 → 2倍多)."""
    tenths = floor(ratio * 10)
    whole, tenth = divmod(tenths, 10)
    if tenth:
        return f"{whole}.{tenth}倍"
    return f"{whole}倍" if ratio == whole else f"{whole}倍多"


BRACKETS = (("《", "》"), ("「", "」"))


def title(name: str) -> str:
    """A document's title in 《》: 关于…的提案 → 《关于…的提案》. A title already in 《》 or 「」
    is kept as it is; 《》 inside a title become 〈〉 (《关于落实〈条例〉的提案》)."""
    name = name.strip()
    if any(name.startswith(left) and name.endswith(right) for left, right in BRACKETS):
        return name
    return "《" + name.replace("《", "〈").replace("》", "〉") + "》"


def titles(names: Sequence[str], unit: str, shown: int = 3) -> str:
    """Named items with their count: 《A》《B》《C》等10件 (the first `shown` titles of ten),
    《A》《B》2件 when every title is shown; "" for none."""
    if not names:
        return ""
    listed = "".join(title(n) for n in names[:shown])
    return f"{listed}{'等' if len(names) > shown else ''}{len(names)}{unit}"


def series(names: Sequence[str]) -> str:
    """A complete list in running text: A、B和C; A和B; A."""
    if len(names) < 2:
        return "".join(names)
    return f"{'、'.join(names[:-1])}和{names[-1]}"
