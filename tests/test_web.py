"""The workbench page (issue 21) in a real browser: the site `perflang web build` writes, served
on 127.0.0.1, driven by Playwright in Debian's Chromium.  Every page of every test records the
requests it makes (none may leave the page's own origin) and the Content-Security-Policy
violations (none may happen).  How fast the page starts and answers a keystroke is measured by
benchmarks/run.py (docs/performance.md), not asserted here."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, SEED_EXAMPLE
from pdftools import A4_PT, page_size, pages, squeeze
from test_workbook_limits import bomb_docx
from webpage import CHROMIUM_ARGS, READY, chromium_path, need

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

SHOTS = Path(os.environ["PERFLANG_SCREENSHOTS"]) if os.environ.get("PERFLANG_SCREENSHOTS") else None
ACTUALS = EXAMPLES / "ezhou-actuals.json"

# before any script of the page: CSP violations and long tasks are recorded from the start
INIT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.__longtasks = [];
try {
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longtasks.push(e.duration); })
    .observe({type: 'longtask', buffered: true});
} catch (e) {}
"""


@pytest.fixture(scope="module")
def site(web_site):
    need("playwright (pip install '.[test]')", sync_playwright is not None)
    return web_site


@pytest.fixture(scope="module")
def server(site):
    from perflang.web.serve import serve_in_thread

    srv, url = serve_in_thread(site)
    yield url
    srv.shutdown()


@pytest.fixture(scope="module")
def browser(site):
    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A fresh browser context (empty storage) on the workbench, and what it asked for."""

    def __init__(self, browser, url: str):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.add_init_script(INIT)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.wait_ready()

    def wait_ready(self):
        self.page.wait_for_selector("body[data-ready='1']", timeout=READY)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.url, "data:", "blob:"))]

    def text(self) -> str:
        return self.page.evaluate("window.perflangWorkbench.text")

    def set_text(self, text: str) -> None:
        self.page.click(".cm-content")
        self.page.keyboard.press("Control+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(text)

    def problems(self) -> str:
        return self.page.inner_text("[data-testid=problems]")

    def wait_problems(self, needle: str) -> str:
        self.page.wait_for_function(
            "n => document.querySelector('[data-testid=problems]').innerText.includes(n)", arg=needle, timeout=30_000
        )
        return self.problems()

    def preview(self) -> str:
        return self.page.frame_locator("[data-testid=preview]").locator("body").inner_text()

    def wait_preview(self, needle: str) -> str:
        self.page.wait_for_function(
            "n => (document.querySelector('[data-testid=preview]').srcdoc || '').includes(n)",
            arg=needle,
            timeout=30_000,
        )
        return self.preview()

    def open_file(self, path: Path) -> None:
        self.page.set_input_files("#open", str(path))
        self.page.wait_for_function(
            "n => [...document.querySelectorAll('.tab.active')].some(t => t.title === n)", arg=path.name
        )

    def shot(self, name: str) -> None:
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SHOTS / name))

    def close(self):
        violations = self.page.evaluate("window.__violations")
        self.context.close()
        assert not self.foreign(), f"requests to other origins: {self.foreign()}"
        assert not violations, f"Content-Security-Policy violations: {violations}"
        assert not self.errors, f"errors in the page: {self.errors}"


@pytest.fixture
def web(browser, server):
    p = Page(browser, server)
    yield p
    p.close()


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """perflang on the command line (this checkout's, from any folder)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "perflang", *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=300
    )


SEED_NAMES = ["政务服务工作", "援疆对口社区帮扶", "法律顾问", "城市数字公共基础设施专班", "办公区域改扩建维修"]


def seed_indicators() -> list[str]:
    from perflang.api import compile_file

    model = compile_file(SEED_EXAMPLE).model
    return [i.name for p in model.projects for g in p.goals for i in g.indicators]


# -- start, typing, quick fixes ------------------------------------------------------------


def test_the_page_starts_with_its_first_check_and_the_sample_clean(web):
    assert web.page.get_attribute("[data-testid=editor]", "class")
    assert "没有发现问题" in web.problems()
    assert "项目支出绩效目标批复表" in web.wait_preview("批复表")
    first = int(web.page.evaluate("document.body.dataset.firstCheckMs"))
    assert first > 0
    web.shot("web-start.png")


def test_a_typed_project_shows_its_problems_by_line_and_its_table(web):
    web.set_text("")
    web.page.keyboard.type('申报单位 某某局\n项目 信息化运维 {\n预算 20\n长期目标 1 "保障系统运行" {\n产出 / 数量 {\n')
    web.page.keyboard.type("运维服务次数: ≥12次\n}\n满意度 / 满意度 {\n用户满意度: 95%\n}\n}\n}\n")
    problems = web.wait_problems("PF403")  # 95% without its comparator: the line is named
    line = next(i for i, t in enumerate(web.text().split("\n"), 1) if "用户满意度" in t)
    assert f"第 {line} 行" in problems
    assert "运维服务次数" in web.wait_preview("运维服务次数")
    web.page.keyboard.press("Control+z")  # undo works
    assert web.text().count("\n") >= 10


def test_chinese_typed_through_an_input_method_is_checked(web):
    """Composition events as an input method sends them (CDP Input.imeSetComposition)."""
    web.set_text('项目 甲 {\n  预算 10\n  长期目标 1 "目标" {\n    产出 / 数量 {\n      ')
    cdp = web.context.new_cdp_session(web.page)
    for partial in ("j", "ji", "jia"):
        cdp.send(
            "Input.imeSetComposition", {"text": partial, "selectionStart": len(partial), "selectionEnd": len(partial)}
        )
    cdp.send("Input.insertText", {"text": "建设数量"})
    web.page.keyboard.type(": ≥3个\n    }\n  }\n}\n")
    assert "建设数量: ≥3个" in web.text()
    assert "建设数量" in web.wait_preview("建设数量")


def test_a_mistyped_level1_gets_its_did_you_mean_and_the_quick_fix_repairs_it(web):
    text = SEED_EXAMPLE.read_text("utf-8").replace("产出 / 数量", "产处 / 数量", 1)
    web.set_text(text)
    problems = web.wait_problems("PF201")
    assert "未知的一级指标“产处”" in problems and "你是不是想写：产出" in problems
    web.page.click(".problem.error .msg")  # the editor goes to the line
    web.page.hover(".cm-lintRange-error")
    tip = web.page.wait_for_selector(".cm-tooltip-lint")
    assert "你是不是想写：产出" in tip.inner_text() and "改为“产出”" in tip.inner_text()  # message, hint, fix
    web.shot("web-problems.png")
    web.page.click("button.fix:has-text('改为“产出”')")
    web.wait_problems("没有发现问题") if "PF4" not in problems else web.page.wait_for_function(
        "() => !document.querySelector('[data-testid=problems]').innerText.includes('PF201')"
    )
    assert "产出 / 数量" in web.text() and "产处" not in web.text()


def test_completion_offers_level1_names_and_comparators(web):
    web.set_text('项目 甲 {\n  预算 10\n  长期目标 1 "目标" {\n    ')
    web.page.keyboard.press("Control+Space")
    web.page.wait_for_selector(".cm-tooltip-autocomplete")
    assert "产出指标" in web.page.inner_text(".cm-tooltip-autocomplete")


def test_a_completion_replaces_the_text_the_language_server_says(web):
    """After `≥95万` the unit replaces `万` alone (the server's range: perflang.web.bridge's
    `from`), not the number before it."""
    web.set_text('项目 甲 {\n  预算 10\n  长期目标 1 "目标" {\n    产出 / 数量 {\n      数量: ≥95万')
    web.page.keyboard.press("Control+Space")
    web.page.locator(".cm-completionLabel", has_text=re.compile("^万元$")).click()
    web.page.wait_for_function("() => window.perflangWorkbench.text.endsWith('万元')")
    assert web.text().endswith("      数量: ≥95万元")


def test_format_lays_the_text_out_as_perflang_fmt(web, tmp_path):
    messy = '项目 甲 {\n预算 10\n长期目标 1 "目标" {\n产出/数量{\n数量:≥3个\n}\n}\n}\n'
    web.set_text(messy)
    web.wait_problems("PF")
    web.page.click("#btn-format")
    web.page.wait_for_function("t => window.perflangWorkbench.text !== t", arg=messy)
    f = tmp_path / "m.perf"
    f.write_text(messy, encoding="utf-8")
    assert cli("fmt", str(f)).returncode == 0
    assert web.text() == f.read_text("utf-8")


# -- the seed: preview, print, downloads ------------------------------------------------------


def test_the_seed_opened_from_disk_previews_all_projects_and_prints_every_indicator_on_a4(web, tmp_path):
    web.open_file(SEED_EXAMPLE)
    shown = web.wait_preview("办公区域改扩建维修")
    for name in SEED_NAMES:
        assert name in shown
    web.shot("web-seed.png")
    pdf = tmp_path / "page.pdf"
    web.page.pdf(path=str(pdf), prefer_css_page_size=True)
    w, h = page_size(pdf)
    assert abs(w - A4_PT[0]) < 2 and abs(h - A4_PT[1]) < 2
    text = squeeze("".join(pages(pdf)))
    missing = [n for n in seed_indicators() if squeeze(n) not in text]
    assert not missing, missing
    assert "导入表格" not in text  # the page's own buttons are not printed
    cli_pdf = tmp_path / "cli.pdf"  # the same pages as `perflang build --to pdf` prints
    assert cli("build", str(SEED_EXAMPLE), "--to", "pdf", "-o", str(cli_pdf)).returncode == 0
    assert len(pages(pdf)) == len(pages(cli_pdf))


def test_downloads_are_the_files_perflang_build_writes(web, tmp_path):
    """The page knows the file, not its folders: the JSON's `source` is the file's name, as the
    command line writes it for a file at its project's root (here a folder marked by .git)."""
    web.open_file(SEED_EXAMPLE)
    web.wait_preview("办公区域改扩建维修")
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    shutil.copy(SEED_EXAMPLE, root / SEED_EXAMPLE.name)
    for fmt in ("html", "xlsx", "json"):
        web.page.click("summary:has-text('下载')")
        with web.page.expect_download() as d:
            web.page.click(f"[data-download={fmt}]")
        got = tmp_path / f"page.{fmt}"
        d.value.save_as(got)
        want = tmp_path / f"cli.{fmt}"
        assert cli("build", SEED_EXAMPLE.name, "--to", fmt, "-o", str(want), cwd=root).returncode == 0
        assert unpacked(got) == unpacked(want), fmt
    assert json.loads((tmp_path / "page.json").read_text(encoding="utf-8"))["source"] == SEED_EXAMPLE.name


def unpacked(path: Path):
    """A file's bytes; an office file's parts, canonical (web_cases.office_parts)."""
    from web_cases import office_parts

    data = path.read_bytes()
    return office_parts(data) if path.suffix in (".xlsx", ".docx") else data


def test_word_downloads_say_why_they_cannot_be_made_in_the_page(web):
    web.page.click("summary:has-text('下载')")
    web.page.click("[data-download=docx]")
    text = web.page.inner_text("#dlg-message")
    assert "不能生成 Word 文档" in text and "lxml" in text and "Excel" in text


# -- import -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    files = {}
    for fmt in ("xlsx", "docx", "tsv"):
        path = out / f"seed.{fmt}"
        assert cli("build", str(SEED_EXAMPLE), "--to", fmt, "-o", str(path)).returncode == 0
        files[fmt] = path
    return files


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_imported_table_opens_what_perflang_import_writes(web, seed_tables, fmt, tmp_path):
    path = seed_tables[fmt]
    want = tmp_path / "want.perf"
    done = cli("import", str(path), "-o", str(want))
    assert done.returncode == 0, done.stderr
    web.page.set_input_files("[data-testid=import]", str(path))
    web.page.wait_for_function("() => document.querySelectorAll('.tab').length === 2", timeout=60_000)
    assert web.text() == want.read_text("utf-8")
    web.wait_preview("办公区域改扩建维修")


def test_a_pasted_tab_table_opens_what_perflang_import_writes(web, seed_tables, tmp_path):
    want = tmp_path / "want.perf"
    assert cli("import", str(seed_tables["tsv"]), "-o", str(want)).returncode == 0
    web.page.click("#btn-paste")
    web.page.fill("#paste-text", seed_tables["tsv"].read_text("utf-8"))
    web.page.click("#paste-form button[type=submit]")
    web.page.wait_for_function("() => document.querySelectorAll('.tab').length === 2")
    assert web.text() == want.read_text("utf-8")


def test_import_notes_are_shown_beside_their_lines(web, tmp_path):
    export = ROOT / "docs" / "zh" / "examples" / "批复表-系统导出.txt"
    web.page.set_input_files("[data-testid=import]", str(export))
    problems = web.wait_problems("导入说明")
    notes = [n for n in cli("import", str(export)).stderr.splitlines() if ": 注意: " in n]
    assert notes and len(re.findall("原表位置", problems)) == len(notes)
    # the category supplied is shown at the line that has it
    line = next(i for i, t in enumerate(web.text().split("\n"), 1) if "社会公众或服务对象满意度" in t)
    assert f"第 {line} 行\n注意\n这一行只有二级指标" in problems


def test_a_broken_file_gets_the_command_lines_message_in_the_page(web, tmp_path):
    bad = tmp_path / "坏.perf"
    bad.write_bytes(b"\x00\x01\x02PK binary")
    web.page.set_input_files("#open", str(bad))
    web.page.wait_for_selector("#dlg-message[open]")
    shown = web.page.inner_text("#message-text")
    assert "PF002" in shown and cli("check", str(bad)).stdout.split("\n")[0].split(": ", 1)[1] in shown


def test_a_word_bomb_is_refused_and_the_page_keeps_working(web, tmp_path):
    bomb = tmp_path / "炸弹.docx"
    bomb_docx(bomb, 2 << 30)  # 2 GiB unpacked, 2 MB on disk
    web.page.set_input_files("[data-testid=import]", str(bomb))
    web.page.wait_for_selector("#dlg-message[open]", timeout=60_000)
    assert "PF917" in web.page.inner_text("#message-text")
    web.page.click("#message-close")
    web.set_text("项目 乙 {\n  预算 5\n}\n")
    web.wait_problems("PF")  # still checking
    assert web.page.evaluate("window.perflangWorkbench.restarts") == 0


# -- 自评 -------------------------------------------------------------------------------------


def test_an_actuals_file_gives_the_self_evaluation_with_the_totals_of_perflang_eval(web):
    web.open_file(SEED_EXAMPLE)
    web.wait_preview("办公区域改扩建维修")
    web.page.click("#btn-eval")
    web.page.set_input_files("[data-testid=actuals]", str(ACTUALS))
    web.page.wait_for_selector("[data-testid=eval-summary]", timeout=60_000)
    rows = web.page.eval_on_selector_all(
        "[data-testid=eval-summary] tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))"
    )
    done = cli("eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json")
    want = [[p["name"], p["total"], p.get("grade") or ""] for p in json.loads(done.stdout)["projects"]]
    assert rows == want
    web.page.click("#eval-close")
    shown = web.wait_preview("自评表")
    assert "政务服务工作" in shown
    web.shot("web-selfeval.png")


def test_actuals_typed_into_the_table_are_scored(web):
    web.set_text(SEED_EXAMPLE.read_text("utf-8"))
    web.wait_preview("办公区域改扩建维修")
    web.page.click("#btn-eval")
    web.page.fill("input[data-project='政务服务工作'][data-key='项目成本']", "5600000元")
    web.page.click("#eval-run")
    web.page.wait_for_selector("[data-testid=eval-summary]", timeout=60_000)
    assert "政务服务工作" in web.page.inner_text("[data-testid=eval-summary]")


# -- safety -----------------------------------------------------------------------------------

HOSTILE = """申报单位 <img src=x onerror="window.__pwned=1">
项目 <script>window.__pwned=1</script> {
  预算 10
  长期目标 1 "<script>window.__pwned=1</script><iframe src=javascript:window.__pwned=1>" {
    产出 / 数量 {
      <img src=x onerror=window.__pwned=1>: ≥1个
    }
    满意度 / 满意度 {
      群众满意度: ≥95%
    }
  }
}
"""


def test_a_table_with_script_in_its_names_runs_nothing(web, tmp_path):
    hostile = tmp_path / "hostile.perf"
    hostile.write_text(HOSTILE, encoding="utf-8")
    web.open_file(hostile)
    shown = web.wait_preview("__pwned")
    assert "<script>window.__pwned=1</script>" in shown
    web.page.pdf(path=str(tmp_path / "p.pdf"))  # the print view too
    web.page.wait_for_timeout(300)
    assert web.page.evaluate("window.__pwned") is None
    assert web.page.frame_locator("[data-testid=preview]").locator("script").count() == 0
    assert web.page.locator("#print-view img[onerror]").count() == 0


def test_the_site_is_served_with_its_content_security_policy(server):
    import urllib.request

    with urllib.request.urlopen(server) as r:  # the test's own server on 127.0.0.1
        csp = r.headers["Content-Security-Policy"]
        html = r.read().decode("utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval", "")
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    assert 'http-equiv="Content-Security-Policy"' in html and "<script>" not in html


# -- robustness -------------------------------------------------------------------------------


def test_reload_keeps_the_text(web):
    web.set_text("# 不要丢\n项目 丙 {\n  预算 1\n}\n")
    web.page.wait_for_function("() => (window.perflangWorkbench.saved || '').includes('不要丢')", timeout=10_000)
    web.page.reload()
    web.wait_ready()
    assert web.text().startswith("# 不要丢")


def test_a_dead_worker_is_restarted_and_the_text_is_kept(web):
    web.set_text("项目 丁 {\n  预算 1\n}\n")
    web.wait_problems("PF")
    (worker,) = web.page.workers
    worker.evaluate("setTimeout(() => { throw new Error('killed by the test'); })")
    web.page.wait_for_function("() => window.perflangWorkbench.restarts === 1", timeout=30_000)
    assert "重新启动" in web.page.inner_text("#toast")
    assert web.text() == "项目 丁 {\n  预算 1\n}\n"
    web.page.wait_for_function("() => document.querySelector('#status').dataset.state !== 'restarted'", timeout=60_000)
    web.page.keyboard.type("# 还在\n")
    web.wait_problems("PF")


def big_file(projects: int) -> str:
    """The seed's five projects again and again under new names: `projects` projects."""
    text = SEED_EXAMPLE.read_text("utf-8")
    head, _, _ = text.partition("\n项目 ")
    blocks = ["项目 " + b for b in text.split("\n项目 ")[1:]]
    out = [head]
    for i in range(projects):
        out.append(blocks[i % len(blocks)].replace("项目 ", f"项目 第{i}号", 1).rstrip("\n") + "\n")
    return "\n".join(out)


def test_typing_in_a_2000_project_file_never_runs_a_check_on_the_page_thread(web, tmp_path):
    big = tmp_path / "两千个项目.perf"
    big.write_text(big_file(2000), encoding="utf-8")
    web.open_file(big)
    web.wait_problems("PF408")  # the whole file checked once
    # opening is allowed its work (the first preview laid out, the file kept in the browser):
    # the page is idle before the typing starts
    web.page.wait_for_function("() => document.querySelector('#status').dataset.state === 'ready'", timeout=120_000)
    web.page.wait_for_timeout(1500)
    web.page.evaluate("window.__longtasks.length = 0")
    web.page.click(".cm-content")
    web.page.keyboard.press("Control+End")
    for ch in "# 在两千个项目的文件里打字":
        web.page.keyboard.type(ch)
        web.page.wait_for_timeout(60)
    web.page.wait_for_function("() => document.querySelector('#status').dataset.state === 'ready'", timeout=120_000)
    long = web.page.evaluate("window.__longtasks")
    # The 50 ms is a speed: benchmarks/web.py measures it (a machine under load makes
    # long tasks of its own). What this test holds is the design that gives it: no check runs on
    # the page's thread (a check of this file takes seconds in Pyodide), so no task comes near
    # the bound below, at any load.
    assert max(long, default=0) <= 500, long


def test_english_switch(web):
    web.set_text(SEED_EXAMPLE.read_text("utf-8").replace("产出 / 数量", "产处 / 数量", 1))
    web.wait_problems("PF201")
    web.page.click("#btn-lang")
    problems = web.wait_problems("unknown level-1")
    assert "line" in problems and web.page.inner_text("#btn-print") == "Print"
    web.page.click("#btn-lang")
    web.wait_problems("未知的一级指标")


def test_new_asks_perflang_news_questions_and_opens_its_file(web, tmp_path):
    web.page.click("#btn-new")
    web.page.fill("#new-form [name=unit]", "鄂州市数据局")
    web.page.fill("#new-form [name=project]", "政务服务工作")
    web.page.fill("#new-form [name=budget]", "571")
    web.page.select_option("#new-form [name=form]", "申报表")
    web.page.click("#new-form button[type=submit]")
    web.page.wait_for_function("() => document.querySelectorAll('.tab').length === 2")
    want = tmp_path / "new.perf"
    done = cli(
        "new",
        str(want),
        "--unit",
        "鄂州市数据局",
        "--project",
        "政务服务工作",
        "--budget",
        "571",
        "--form",
        "申报表",
        "--goals",
        "both",
    )
    assert done.returncode == 0, done.stderr
    assert web.text() == want.read_text("utf-8")
    assert "项目支出绩效目标申报表" in web.wait_preview("申报表")


def test_perflang_web_serve_serves_the_site_and_stops_on_ctrl_c(web_site):
    import signal
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "perflang", "web", "serve", "--no-open", "--dir", str(web_site)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        first = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", first).group(0)
        with urllib.request.urlopen(url + "pyodide/pyodide.asm.wasm") as r:
            assert r.headers["Content-Type"] == "application/wasm" and r.headers["Content-Security-Policy"]
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err


def test_an_installed_wheel_builds_the_same_site_from_another_folder(web_site, tmp_path):
    """`pip install .`, then `perflang web build DIR` elsewhere: npm runs on the sources the
    wheel ships (perflang/web/app/), and the site is the checkout's, byte for byte."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("perflang", "grammar", "web"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    out, target = tmp_path / "dist", tmp_path / "site-packages"
    pip = [sys.executable, "-m", "pip"]
    assert (
        subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)]).returncode
        == 0
    )
    (wheel,) = out.glob("perflang-*.whl")
    assert (
        subprocess.run(
            [*pip, "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)]
        ).returncode
        == 0
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "web", "build", "site"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    site = elsewhere / "site"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(web_site).as_posix() for p in web_site.rglob("*") if p.is_file())
    for name in files:
        if name != "manifest.json":  # its stamp digests the source folders, which differ
            assert (site / name).read_bytes() == (web_site / name).read_bytes(), name
