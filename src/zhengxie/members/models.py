from django.conf import settings
from django.db import models

from zhengxie.core.models import Committee, Term
from zhengxie.lib.strokes import name_sort_key


class Sector(models.Model):
    """界别."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="sectors")
    name = models.CharField("界别", max_length=40)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["committee", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="sector_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SectorGroup(models.Model):
    """界别活动组: members of one or more sectors working together."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="sector_groups")
    name = models.CharField("名称", max_length=60)
    sectors = models.ManyToManyField(Sector, verbose_name="包含界别", related_name="groups")

    class Meta:
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        return self.name


class HandlingUnit(models.Model):
    """承办单位: a government department or body that handles proposals."""

    class Kind(models.TextChoices):
        PARTY = "party", "党委部门"
        GOVERNMENT = "government", "政府部门"
        JUDICIAL = "judicial", "政法机关"
        ORGANISATION = "organisation", "群团组织"
        ENTERPRISE = "enterprise", "企事业单位"
        TOWNSHIP = "township", "乡镇(街道)"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="handling_units"
    )
    name = models.CharField("单位名称", max_length=80)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["committee", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class UnitAccount(models.Model):
    """A user working for a handling unit: handlers draft replies, approvers sign them off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_account"
    )
    unit = models.ForeignKey(HandlingUnit, on_delete=models.CASCADE, related_name="accounts")
    is_handler = models.BooleanField("经办人", default=True)
    is_approver = models.BooleanField("审核人", default=False)

    def __str__(self) -> str:
        return f"{self.unit}·{self.user}"


class SpecialCommittee(models.Model):
    """专门委员会, paired with government departments for 对口协商."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="special_committees"
    )
    name = models.CharField("名称", max_length=60)
    paired_units = models.ManyToManyField(
        HandlingUnit, verbose_name="对口部门", blank=True, related_name="paired_committees"
    )

    class Meta:
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        return self.name


class LiaisonStation(models.Model):
    """委员联络工作站 in a township or street."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="liaison_stations"
    )
    name = models.CharField("名称", max_length=60)
    township = models.CharField("所在乡镇(街道)", max_length=40)
    address = models.CharField("地址", max_length=120, blank=True)

    class Meta:
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A person who is or was a member; `Membership` ties them to a term."""

    class Gender(models.TextChoices):
        MALE = "男", "男"
        FEMALE = "女", "女"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    name = models.CharField("姓名", max_length=40)
    # 姓氏笔画 order precomputed (SQLite has no stroke collation); every member list sorts on it.
    sort_key = models.CharField(max_length=200, db_index=True, editable=False)
    gender = models.CharField("性别", max_length=2, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    birth_month = models.DateField("出生年月", null=True, blank=True)
    party = models.CharField("党派", max_length=20)
    education = models.CharField("学历", max_length=20, blank=True)
    employer_title = models.CharField("工作单位及职务", max_length=200)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通讯地址", max_length=200, blank=True)

    class Meta:
        ordering = ["sort_key", "id"]
        constraints = [
            # A person re-appointed for a new term keeps one record, found by ID number (the
            # roster import relies on it); members on record without one are not merged.
            models.UniqueConstraint(
                fields=["committee", "id_number"],
                condition=~models.Q(id_number=""),
                name="member_unique_id_number",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_sort_key(self) -> None:
        self.sort_key = name_sort_key(self.name)


class Membership(models.Model):
    class Post(models.TextChoices):
        NONE = "", "委员"
        CHAIR = "chair", "主席"
        VICE_CHAIR = "vice_chair", "副主席"
        SECRETARY_GENERAL = "secretary_general", "秘书长"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="memberships")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="memberships")
    sector = models.ForeignKey(
        Sector, verbose_name="界别", on_delete=models.PROTECT, related_name="memberships"
    )
    standing = models.BooleanField("常委", default=False)
    post = models.CharField("职务", max_length=20, choices=Post.choices, blank=True)
    special_committees = models.ManyToManyField(
        SpecialCommittee, verbose_name="专委会", blank=True, related_name="memberships"
    )
    # 专委会主任 for the term: the scoring rules may set lines for special-committee heads.
    heads = models.ForeignKey(
        SpecialCommittee,
        verbose_name="任主任的专委会",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="heads",
    )
    station = models.ForeignKey(
        LiaisonStation,
        verbose_name="联络工作站",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    sector_group = models.ForeignKey(
        SectorGroup,
        verbose_name="界别活动组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    joined_on = models.DateField("任职日期", null=True, blank=True)
    left_on = models.DateField("退出日期", null=True, blank=True)
    left_reason = models.CharField("退出原因", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "term"], name="membership_once_per_term")
        ]

    def __str__(self) -> str:
        return f"{self.member.name}({self.term.label})"

    @property
    def is_leader(self) -> bool:
        return self.post in (self.Post.CHAIR, self.Post.VICE_CHAIR)

    @property
    def title(self) -> str:
        if self.post:
            return self.get_post_display()
        return "常委" if self.standing else "委员"


class Liaison(models.Model):
    """联系: `contact` keeps in touch with `member` (主席联系常委, 常委联系委员)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="liaisons")
    contact = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="liaises_with")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="contacted_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "member"], name="liaison_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id}→{self.member_id}"
