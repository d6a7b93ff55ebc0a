"""The command line speaks the user's language: help texts, option descriptions and click's own
usage errors in Chinese under --lang zh / PERFLANG_LANG=zh / a Chinese locale (the default), in
English under en — and never a sentence of the other language."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE

from perflang.cli import cli
from perflang.messages import CLI, CLICK_ZH

COMMANDS = ["", "new", "check", "build", "eval", "monitor", "diff", "import", "fmt", "web", "web build", "web serve"]
HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# the English a Chinese page may hold: option values, file types, names of files and variables
ALLOWED = {
    "perflang",
    "perf",
    "text",
    "json",
    "github",
    "html",
    "pdf",
    "tsv",
    "xlsx",
    "python",
    "approval",
    "declaration",
    "zh",
    "en",
    "national",
    "TOML",
    "JSON",
    "CSV",
    "PDF",
    "Excel",
    "PERFLANG_LANG",
    "actuals",
    "out",
    "version",
    "long",
    "term",
    "annual",
    "both",
    "cli",
    "new",
    "check",
    "build",
    "eval",
    "import",
    "fmt",
    "diff",
    "js",
    "java",
    "lsp",
    "docx",
    "toml",
    "target",
    "hubei",
    "sichuan",
    "ningxia",
    "beijing",
    "Word",
    "web",
    "npm",
    "pip",
    "Ctrl",  # the key
    "serve",
    "docs",  # docs/zh/网页版.md
    "md",
    "monitor",  # perflang monitor (issue 26) and its options
    "progress",
    "template",
    "month",
    "monitoring",
    "csv",  # -o ….csv
}  # cli: CliRunner's program name


def invoke(args, **env):
    result = CliRunner().invoke(cli, args, env={"PERFLANG_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def english_words(text: str) -> set[str]:
    """The English words of text outside example command lines, option names and file names."""
    kept = [line for line in text.splitlines() if not line.strip().startswith("perflang ")]
    text = "\n".join(kept)
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # --to, -o
    text = re.sub(r"[\w./-]+\.(perf|json|html|txt|xlsx|csv|toml)\b", " ", text)  # file names
    text = re.sub(r"perflang-\w+/\d", " ", text)  # perflang-actuals/1
    return set(re.findall(r"[A-Za-z][A-Za-z_]+", text)) - ALLOWED


USAGE_ERRORS = [
    ["check", "--bogus", "x.perf"],  # No such option
    ["check"],  # Missing argument
    ["eval", str(SEED_EXAMPLE)],  # Missing option
    ["build", str(SEED_EXAMPLE), "--to", "foo"],  # Invalid value
    ["import", str(SEED_EXAMPLE), "extra"],  # Got unexpected extra argument
    ["check", "no-such-file.perf"],  # Path does not exist
    ["check", "-j", "x", str(SEED_EXAMPLE)],  # not a valid integer
    ["check", str(SEED_EXAMPLE), "--format"],  # Option requires an argument
    ["chek"],  # No such command
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["env", "option", "locale", "default"])
def test_help_is_chinese(command, how):
    args = command.split()
    env = {"env": {"PERFLANG_LANG": "zh"}, "locale": {"LANG": "zh_CN.UTF-8"}}.get(how, {})
    if how == "option" and command:
        args.append("--lang=zh")
    out = invoke([*args, "--help"], **env)
    assert out.exit_code == 0
    assert "用法：" in out.output and "选项" in out.output
    assert english_words(out.output) == set(), out.output


def test_a_commands_help_does_not_depend_on_the_language_that_loaded_it():
    """A command's module is imported when the command is first asked for (perflang.cli.COMMANDS),
    by a run in either language: each help, in each language, is the same whichever came first
    (click names a FILE when the command is defined; the Chinese run must not leave it 文件)."""
    code = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from perflang.cli import cli\n"
        "out = {}\n"
        "for lang in sys.argv[2:]:\n"
        "    for c in json.loads(sys.argv[1]):\n"
        "        got = CliRunner().invoke(cli, [*c.split(), '--help'], env={'PERFLANG_LANG': lang})\n"
        "        out[f'{lang} {c}'] = (got.exit_code, got.output)\n"
        "print(json.dumps(out, sort_keys=True))\n"
    )

    def helps(*langs):
        done = subprocess.run(
            [sys.executable, "-c", code, json.dumps(COMMANDS), *langs], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    zh_first, en_first = helps("zh", "en"), helps("en", "zh")
    assert len(zh_first) == 2 * len(COMMANDS) and all(code == 0 for code, _ in zh_first.values())
    assert zh_first == en_first


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("how", ["env", "option", "locale"])
def test_help_is_english(command, how):
    args = command.split()
    env = {"env": {"PERFLANG_LANG": "en"}, "locale": {"LANG": "en_US.UTF-8"}}.get(how, {})
    if how == "option":
        if not command:
            env = {"PERFLANG_LANG": "en"}
        else:
            args.append("--lang=en")
    out = invoke([*args, "--help"], **env)
    assert out.exit_code == 0
    assert "Usage:" in out.output and "Options:" in out.output
    assert not HAN.search(out.output), out.output


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(a[:2]))
def test_usage_errors_in_chinese(args):
    out = invoke(args, PERFLANG_LANG="zh")
    assert out.exit_code == 2
    assert out.stderr.count("错误：") == 1
    assert english_words(out.stderr) - set(args) == set(), out.stderr  # what the user typed may be repeated


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(a[:2]))
def test_usage_errors_in_english(args):
    out = invoke(
        [*args, "--lang", "en"] if args != ["chek"] else args, **({"PERFLANG_LANG": "en"} if args == ["chek"] else {})
    )
    assert out.exit_code == 2
    assert "Error: " in out.stderr
    assert not HAN.search(out.stderr), out.stderr


def test_the_option_beats_the_environment_and_the_locale():
    out = invoke(["check", "--lang", "en", "--help"], PERFLANG_LANG="zh", LANG="zh_CN.UTF-8")
    assert "Usage:" in out.output
    out = invoke(["check", "--lang", "zh", "--help"], PERFLANG_LANG="en")
    assert "用法：" in out.output
    out = invoke(["check", "--help"], PERFLANG_LANG="zh", LANG="en_US.UTF-8")
    assert "用法：" in out.output


def test_a_locale_that_names_no_language_means_chinese():
    assert "用法：" in invoke(["--help"], LANG="C.UTF-8").output
    assert "用法：" in invoke(["--help"], LANG="POSIX").output


def test_every_catalog_text_has_both_languages():
    for key, (zh, en) in CLI.items():
        assert HAN.search(zh), key
        assert en and not HAN.search(en), key
    for msgid, zh in CLICK_ZH.items():
        assert HAN.search(zh) and not HAN.search(msgid), msgid


def test_click_outside_a_perflang_command_is_left_in_english():
    import click

    @click.command()
    @click.option("--n", type=int)
    def other(n):
        pass

    out = CliRunner().invoke(other, ["--bogus"], env={"PERFLANG_LANG": "zh"})
    assert "No such option" in out.output


def test_every_phrase_formats_in_both_languages():
    """Every Phrase of perflang/messages.py formats in Chinese and English: its templates name
    only fields (a brace of the text written {{ }}), and the English has no Chinese sentence."""
    import string

    from perflang.messages import PHRASES

    for key, (zh, en) in PHRASES.items():
        for t in (zh, en):
            names = {f for _, f, _, _ in string.Formatter().parse(t) if f}
            assert t.format(**{n: "x" for n in names}), key
        assert not re.search("[，。；]", en), key


# every command's usage errors as the console entry point (perflang.cli.main: click's
# non-standalone mode, the message shown after the command returns) prints them
ENTRY_USAGE_ERRORS = {
    "": [["chek"], ["--bogus"]],
    "new": [[], ["--goals", "some", "x.perf"], ["--bogus", "x.perf"]],
    "check": [[], ["--bogus", "x.perf"], ["--format", "xml", str(SEED_EXAMPLE)], ["-j", "x", str(SEED_EXAMPLE)]],
    "build": [[str(SEED_EXAMPLE)], [str(SEED_EXAMPLE), "--to"], [str(SEED_EXAMPLE), "--to", "svg"]],
    "eval": [[str(SEED_EXAMPLE)], ["no-such-file.perf", "--actuals", "a.json"]],
    "import": [[], [str(SEED_EXAMPLE), "extra"]],
    "fmt": [[], ["--nope", str(SEED_EXAMPLE)]],
    "lsp": [["--nope"], ["extra"]],
    "web": [["--bogus"], ["build"], ["serve", "--port", "x"], ["nosuch"]],
}
ENTRY_CASES = [(c, a) for c, cases in ENTRY_USAGE_ERRORS.items() for a in cases]


def _entry(argv, monkeypatch, capsys, **env):
    from perflang.cli import main

    for var in ("PERFLANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.argv", ["perflang", *argv])
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out = capsys.readouterr()
    return exit_.value.code, out.out + out.err


@pytest.mark.parametrize("command,args", ENTRY_CASES, ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_usage_errors_of_every_command_under_a_chinese_locale(command, args, monkeypatch, capsys):
    argv = [command, *args] if command else args
    code, printed = _entry(argv, monkeypatch, capsys, LANG="zh_CN.UTF-8")
    assert code == 2
    assert printed.count("错误：") == 1, printed
    if "--to" not in argv[-1:]:  # click gives an option without its value no usage line
        assert "用法：" in printed and "查看帮助" in printed, printed
    assert english_words(printed) - set(argv) == set(), printed  # what the user typed may be repeated


@pytest.mark.parametrize("command,args", ENTRY_CASES, ids=lambda x: " ".join(x) if isinstance(x, list) else x)
def test_usage_errors_of_every_command_in_english(command, args, monkeypatch, capsys):
    argv = [command, *args] if command else args
    code, printed = _entry(argv, monkeypatch, capsys, LANG="zh_CN.UTF-8", PERFLANG_LANG="en")
    assert code == 2
    assert "Error: " in printed, printed
    assert not HAN.search(printed), printed
