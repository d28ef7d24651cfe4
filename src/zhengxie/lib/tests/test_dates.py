from datetime import UTC, date, datetime

from zhengxie.lib.dates import cn_date, cn_datetime, local_stamp, month_day


def test_chinese_dates_have_no_zero_padding():
    assert cn_date(date(2026, 5, 6)) == "2026年5月6日"
    assert cn_date(date(2026, 11, 20)) == "2026年11月20日"
    assert cn_date(None) == ""


def test_moments_are_read_in_the_committees_time_zone():
    late_evening_utc = datetime(2026, 5, 5, 23, 30, tzinfo=UTC)  # 07:30 on 6 May in Shanghai
    assert cn_date(late_evening_utc) == "2026年5月6日"
    assert cn_datetime(late_evening_utc) == "2026年5月6日 07:30"
    assert month_day(late_evening_utc) == "5月6日"
    assert local_stamp(late_evening_utc) == "2026-05-06 07:30:00"
