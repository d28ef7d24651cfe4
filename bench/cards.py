"""成绩单 in bulk for a city-sized committee: the ledger and rules of `bench.scoring` (1,000
members, about 25 rows each), every member's card built into the ZIP by the job's work
(`duty_card_job_run`, what the task runs), stored under the committee's media. The issue's
target: 1,000 成绩单 in the ZIP under 60 s."""

import random
import zipfile

from django.utils import timezone

from bench.scoring import MEMBERS, YEAR, _ledger, _members, _rules
from zhengxie.duty import services
from zhengxie.testing import build_committee


def run(timed) -> None:
    p = build_committee("成绩单压测政协", prefix="cardbench_")
    members = _members(p)
    rows = _ledger(p, random.Random(12), members)
    _rules(p)
    built = []

    def build() -> None:
        job, _ = services.duty_card_job_request(
            actor=p.staff, term=p.term, year=YEAR, now=timezone.now()
        )
        built.append(services.duty_card_job_run(job_id=job.pk))

    timed(f"1,000 成绩单 into the ZIP ({MEMBERS} members, {rows} rows)", build, repeat=3)
    job = built[-1]
    with job.file.open("rb") as stored, zipfile.ZipFile(stored) as archive:
        names = archive.namelist()
    print(f"  last job: {job.get_state_display()} {job.done}/{job.total}, {len(names)} files,")
    print(f"  {job.file.size / 1e6:.1f} MB, e.g. {names[0]}")
