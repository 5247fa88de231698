"""A curator's morning in a real browser: log in, review the queue, accept two, reject one."""

from io import StringIO

from django.core.management import call_command

from cbm.ingest import ingest_file
from cbm.models import Mention

from .browser import chromium_page, screenshot
from .conftest import ARTICLE_000, ARTICLE_004

PASSWORD = "browser-test-password-7"


# Every cell whose content is wider than the cell, and the table if wider than its box or the
# page wider than the window: what a curator would have to scroll sideways to read.
CLIPPED = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) out.push(`page ${root.scrollWidth}px wide`);
  const table = document.querySelector("#result_list");
  const box = table.parentElement;
  if (box.scrollWidth > box.clientWidth + 1) out.push(`table ${box.scrollWidth}px in ${box.clientWidth}px`);
  for (const cell of table.querySelectorAll("th, td")) {
    if (cell.scrollWidth > cell.clientWidth + 1) out.push(`${cell.className}: ${cell.textContent.trim().slice(0, 40)}`);
  }
  return out;
}"""


def clipped_cells(page):
    return page.evaluate(CLIPPED)


def test_curator_reviews_suggestions_in_the_admin(transactional_db, live_server):
    call_command("ensure_demo_curator", username="curator", password=PASSWORD, stdout=StringIO())
    for path in (ARTICLE_000, ARTICLE_004):
        ingest_file(path, kind="news")
    pending = list(Mention.objects.pending().order_by("pk").values_list("pk", flat=True))
    assert len(pending) >= 3

    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/cbm/mention/")
        page.fill("#id_username", "curator")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#result_list")
        assert page.locator("#result_list mark").count() >= 3  # spans highlighted in context
        assert not clipped_cells(page), "columns clipped at 1280 px"
        screenshot(page, "admin-review-queue-1280")

        for pk in pending[:2]:
            page.check(f"input.action-select[value='{pk}']")
        page.select_option("select[name=action]", "accept")
        page.click("button[name=index]")
        page.wait_for_selector("text=2 links accepted.")

        page.check(f"input.action-select[value='{pending[2]}']")
        page.select_option("select[name=action]", "reject")
        page.click("button[name=index]")
        page.wait_for_selector("text=1 link rejected.")
        screenshot(page, "admin-review-queue")

        page.goto(f"{live_server.url}/admin/cbm/mention/{pending[0]}/history/")
        history = page.inner_text("#content")
        assert "curator" in history and "accepted" in history.lower()
        screenshot(page, "admin-mention-history")

    statuses = dict(Mention.objects.filter(pk__in=pending[:3]).values_list("pk", "status"))
    assert statuses == {pending[0]: "accepted", pending[1]: "accepted", pending[2]: "rejected"}
    assert set(
        Mention.objects.filter(pk__in=pending[:3]).values_list("reviewed_by__username", flat=True)
    ) == {"curator"}


def test_a_curator_reviews_in_russian_and_the_queue_still_fits(transactional_db, live_server):
    """Russian column titles and actions are longer: at 1280 px nothing is clipped either."""
    call_command("ensure_demo_curator", username="curator", password=PASSWORD, stdout=StringIO())
    ingest_file(ARTICLE_000, kind="news")
    pending = list(Mention.objects.pending().order_by("pk").values_list("pk", flat=True))

    with chromium_page() as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/ru/admin/login/?next=/ru/admin/cbm/mention/")
        page.fill("#id_username", "curator")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#result_list")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert not clipped_cells(page), "columns clipped at 1280 px"
        screenshot(page, "admin-review-queue-ru-1280")

        page.check(f"input.action-select[value='{pending[0]}']")
        page.select_option("select[name=action]", "accept")
        page.click("button[name=index]")
        page.wait_for_selector("text=Принята 1 связь.")
        # the switch: the same page in English
        page.click("nav.languages a[hreflang=en]")
        page.wait_for_selector("html[lang=en-gb]")
        assert page.url.endswith("/admin/cbm/mention/") and "/ru/" not in page.url
