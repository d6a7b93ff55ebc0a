"""`perflang web build DIR` and `perflang web serve`: the workbench page (perflang/web/, web/)."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import click

from ..messages import cli_text
from .localized import LANG_OPTION, Command, Group, argument, option

__all__ = ["web_cmd"]


class WebCommand(Command):
    """A subcommand of web: its help is web.NAME.help."""

    @property
    def help_key(self) -> str | None:
        return f"web.{self.name}.help"


class WebGroup(Group):
    command_class = WebCommand
    help_key = "web.help"


@click.group(name="web", cls=WebGroup)
@LANG_OPTION
def web_cmd(lang):
    pass


@web_cmd.command(name="build")
@argument("dir", type=click.Path(file_okay=False))
@LANG_OPTION
def build(dir, lang):
    from ..diagnostics import language

    sys.exit(run_build(dir, language(lang)))


@web_cmd.command(name="serve")
@option("--port", type=click.IntRange(0, 65535), default=0, help="web.port")
@option("--no-open", is_flag=True, help="web.no_open")
@option("--dir", "site", type=click.Path(file_okay=False), default=None, help="web.dir")
@LANG_OPTION
def serve(port, no_open, site, lang):
    from ..diagnostics import language

    sys.exit(run_serve(port, not no_open, site, language(lang)))


def run_build(dest: str, lang: str) -> int:
    from ..web.site import build_site

    click.echo(cli_text("web.building", lang), err=True)
    manifest = build_site(dest)
    click.echo(cli_text("web.built", lang, dir=dest, size=f"{manifest['bytes'] / 1e6:.1f}"), err=True)
    return 0


def run_serve(port: int, open_browser: bool, site: str | None, lang: str) -> int:
    """Build into site (default: the user's cache folder) unless it is up to date, then serve
    it on 127.0.0.1 until Ctrl-C (exit 130, as every command)."""
    from ..web.serve import make_server
    from ..web.site import cache_dir, up_to_date

    folder = Path(site) if site else cache_dir() / "site"
    if not up_to_date(folder):
        run_build(str(folder), lang)
    server = make_server(folder, port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(cli_text("web.serving", lang, url=url))
    sys.stdout.flush()
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
