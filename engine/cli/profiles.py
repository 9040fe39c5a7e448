"""`rescore profiles [NAME…]`: the shipped scoring profiles, their years, sources and parameters
(wiring only; the listing is `engine.profiles.listing`)."""

from __future__ import annotations

import click

from engine.cli.common import fail, say


@click.command("profiles")
@click.argument("names", nargs=-1)
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True)
def profiles(names: tuple[str, ...], fmt_: str) -> None:
    """列出随程序附带的评分办法：适用年度、出处（证据等级）和参数；给出 NAME 只列这几个。

    \b
    例：rescore profiles
        rescore profiles hubei sichuan-2023 --format json
    """
    from engine.profiles import ProfileError, load_all, load_profile
    from engine.profiles.listing import render_text, to_dict

    try:
        chosen = [load_profile(n) for n in names] if names else load_all()
    except ProfileError as error:
        fail(str(error))
    if fmt_ == "json":
        from engine.output.jsonout import dumps

        say(dumps({"profiles": [to_dict(p) for p in chosen]}, indent=2))
    else:
        say(render_text(chosen))
