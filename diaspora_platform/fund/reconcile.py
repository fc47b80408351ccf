"""Bank statement reconciliation: staff upload the bank's CSV; each credit line whose text
holds a pledge's reference code, with the same amount and currency as that open pledge, is
proposed for confirmation; every other line is listed with the reason it was not matched.
Nothing is confirmed until staff accept the proposals (each acceptance is an ordinary,
audited confirmation, so accepting the same statement twice changes nothing)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from diaspora_platform.fund import money, pledges
from diaspora_platform.fund.models import Pledge, PledgeStatus
from diaspora_platform.i18n import _, _l, ngettext

REFERENCE = re.compile(r"DF-?([A-HJ-NP-Z2-9]{4})-?([A-HJ-NP-Z2-9]{4})", re.IGNORECASE)
LINES_MAX = 5000
# Header names banks use, lower-cased -> our column.
COLUMNS = {
    "date": "date", "value date": "date", "booking date": "date", "дата": "date",
    "санa": "date", "сана": "date",
    "amount": "amount", "credit": "amount", "сумма": "amount", "маблағ": "amount",
    "currency": "currency", "валюта": "currency", "асъор": "currency",
    "reference": "text", "description": "text", "details": "text", "purpose": "text",
    "назначение": "text", "назначение платежа": "text", "таъинот": "text",
    "bank reference": "bank_ref", "transaction id": "bank_ref", "id": "bank_ref",
    "номер": "bank_ref",
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")

REASONS = {
    "no_reference": _l("No pledge reference in the text"),
    "unknown_reference": _l("No pledge has this reference"),
    "already_received": _l("This pledge is already received"),
    "cancelled": _l("This pledge was cancelled"),
    "amount_differs": _l("Amount or currency differs from the pledge"),
    "unreadable": _l("The amount or date cannot be read"),
    "duplicate": _l("The same reference appears on an earlier line"),
}


@dataclass
class Line:
    number: int
    raw_date: str
    raw_amount: str
    currency: str
    text: str
    bank_ref: str
    paid_on: date | None = None
    amount_minor: int | None = None
    pledge: Pledge | None = None
    reason: str | None = None

    @property
    def reason_title(self) -> str:
        return str(REASONS[self.reason]) if self.reason else ""


def _read_rows(data: bytes) -> list[dict]:
    if len(data) > current_app.config["FUND_STATEMENT_MAX_BYTES"]:
        raise DomainError(_("The statement is too large: at most %(mb).1f MB.",
                            mb=current_app.config["FUND_STATEMENT_MAX_BYTES"] / 1024 / 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(_("Save the statement as CSV in UTF-8 and upload it again.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [COLUMNS.get((cell or "").strip().lower()) for cell in next(reader, [])]
    if not {"date", "amount", "text"} <= set(header):
        raise DomainError(_("The statement needs columns for the date, the amount and the "
                            "payment details (reference)."))
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        rows.append({key: (cells[i].strip() if i < len(cells) else "")
                     for i, key in enumerate(header) if key})
        if len(rows) > LINES_MAX:
            raise DomainError(ngettext("The statement has more than %(max)d line.",
                                       "The statement has more than %(max)d lines.",
                                       LINES_MAX, max=LINES_MAX))
    return rows


def _parse_date(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_statement(data: bytes, default_currency: str = "TJS") -> list[Line]:
    """Read the statement and match its lines to open pledges (nothing is changed)."""
    lines = [Line(n, row.get("date", ""), row.get("amount", ""),
                  (row.get("currency") or default_currency).upper(), row.get("text", ""),
                  row.get("bank_ref", ""))
             for n, row in enumerate(_read_rows(data), start=2)]
    codes = {}
    for line in lines:
        found = REFERENCE.search(line.text)
        if found:
            codes[line.number] = f"DF-{found.group(1).upper()}-{found.group(2).upper()}"
    by_code = {p.reference: p for p in db.session.scalars(
        sa.select(Pledge).where(Pledge.reference.in_(set(codes.values()))))}
    seen = set()
    for line in lines:
        _match(line, codes.get(line.number), by_code, seen)
    return lines


def _match(line: Line, code: str | None, by_code: dict, seen: set) -> None:
    line.paid_on = _parse_date(line.raw_date)
    try:
        line.currency = money.check_currency(line.currency)
        line.amount_minor = money.parse_amount(line.raw_amount.lstrip("+"), line.currency)
    except DomainError:
        line.amount_minor = None
    if line.paid_on is None or line.amount_minor is None:
        line.reason = "unreadable"
    elif code is None:
        line.reason = "no_reference"
    elif code not in by_code:
        line.reason = "unknown_reference"
    elif code in seen:
        line.reason = "duplicate"
    else:
        seen.add(code)
        pledge = by_code[code]
        line.pledge = pledge
        if pledge.status == PledgeStatus.RECEIVED:
            line.reason = "already_received"
        elif pledge.status == PledgeStatus.CANCELLED:
            line.reason = "cancelled"
        elif (pledge.amount_minor, pledge.currency) != (line.amount_minor, line.currency):
            line.reason = "amount_differs"


@dataclass
class Outcome:
    confirmed: int = 0
    skipped: int = 0


def accept(staff, proposals: list[dict]) -> Outcome:
    """Confirm the accepted proposals: dicts with pledge_id, amount_minor, currency,
    payment_reference and paid_on. Each is re-checked against the pledge as it is now."""
    outcome = Outcome()
    for item in proposals:
        pledge = db.session.get(Pledge, item["pledge_id"])
        if pledge is None or (pledge.amount_minor, pledge.currency) != (
                item["amount_minor"], item["currency"]):
            outcome.skipped += 1
            continue
        try:
            pledges.confirm_pledge(staff, pledge, item["payment_reference"], item["paid_on"])
        except (Conflict, DomainError):
            db.session.rollback()
            outcome.skipped += 1
        else:
            outcome.confirmed += 1
    return outcome
