"""The demo persona's resume.json rendered by a real JSON Resume renderer and theme, and a
screenshot of it for docs/brag-doc.md.

    .venv/bin/python scripts/resume_render.py [--render-dir /tmp/resume-render]
                                              [--out docs/screenshots/resume-even.png]

It fills a temporary data directory with `wayfinder demo`, builds the persona's resume.json
with the same function as /data/resume.json (`resume_build`), installs `resumed` 6.1.0 and
`jsonresume-theme-even` 0.26.1 from npm into the render folder (outside the repository; once,
then reused), checks the file with `resumed validate` (the official schema), renders it with
`resumed render --theme jsonresume-theme-even`, and photographs the HTML with Debian's
/usr/bin/chromium (headless; no browser is downloaded). Node 20.12 or newer is needed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAYFINDER = ROOT / ".venv" / "bin" / "wayfinder"
PACKAGES = ("resumed@6.1.0", "jsonresume-theme-even@0.26.1")
THEME = "jsonresume-theme-even"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
WINDOW = "1200,1800"


def demo_resume(data_dir: Path) -> dict:
    """The demo persona's resume.json, from a fresh demo in `data_dir`."""
    os.environ["WAYFINDER_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)  # the demo goes into the temporary SQLite file
    os.environ.setdefault("WAYFINDER_SECRET_KEY", "resume-render-only")
    subprocess.run([str(WAYFINDER), "--data-dir", str(data_dir), "demo"], check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
    import django

    django.setup()
    from wayfinder.core.clock import today_for
    from wayfinder.core.models import Profile
    from wayfinder.portability.resume import resume_build

    owner = Profile.objects.select_related("user").get(user__username="demo")
    return resume_build(owner=owner, today=today_for(owner))


def npm_install(render_dir: Path) -> Path:
    bin_dir = render_dir / "node_modules" / ".bin"
    if not (bin_dir / "resumed").exists() or not (render_dir / "node_modules" / THEME).exists():
        render_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(render_dir), "--no-audit", "--no-fund", *PACKAGES],
            check=True,
        )
    return bin_dir / "resumed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--render-dir", type=Path, default=Path("/tmp/resume-render"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs/screenshots/resume-even.png")
    args = parser.parse_args()
    render_dir = args.render_dir.resolve()
    resumed = npm_install(render_dir)
    with tempfile.TemporaryDirectory(prefix="wayfinder-resume-") as data:
        document = demo_resume(Path(data))
    source = render_dir / "resume.json"
    page = render_dir / "resume.html"
    source.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    # resumed resolves the theme from the folder it runs in.
    subprocess.run([str(resumed), "validate", str(source)], cwd=render_dir, check=True)
    subprocess.run(
        [str(resumed), "render", str(source), "--theme", THEME, "--output", str(page)],
        cwd=render_dir,
        check=True,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_ARGS,
            f"--screenshot={args.out.resolve()}",
            f"--window-size={WINDOW}",
            page.as_uri(),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"{source}\n{page}\n{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
