"""Serves the course's JupyterLab build on jupyter_server, through jupyterlab_server's LabServerApp.

Usage: main.py APP_DIR [jupyter_server options...]
  APP_DIR is the build output (static/, schemas/, themes/), which ./lab builds from this folder.
  User settings and workspaces go where LAB_USER_SETTINGS_DIR and LAB_WORKSPACES_DIR say (tests give
  fresh temporary ones), else next to APP_DIR.

The user's own `jupyter lab` is preferred when installed; this is what a Debian machine without
conda gets (python3-jupyterlab-server), and what the browser tests drive.
"""
import json
import os
import sys

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
# Configuration files on this machine must not change the course's server (ports, extensions...).
os.environ["JUPYTER_NO_CONFIG"] = "1"

if len(sys.argv) < 2 or not os.path.isdir(os.path.join(sys.argv[1], "static")):
    sys.exit("usage: main.py APP_DIR [server options]: APP_DIR must hold the JupyterLab build (./lab builds it)")
APP_DIR = os.path.abspath(sys.argv.pop(1))

with open(os.path.join(HERE, "package.json")) as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": CourseLab}]


class CourseLab(LabServerApp):
    name = "concurrency_lab"
    app_name = "JupyterLab"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    app_url = "/lab"
    load_other_extensions = False
    static_dir = os.path.join(APP_DIR, "static")
    templates_dir = os.path.join(HERE, "templates")
    schemas_dir = os.path.join(APP_DIR, "schemas")
    themes_dir = os.path.join(APP_DIR, "themes")
    app_settings_dir = os.path.join(HERE, "settings")  # overrides.json: no news or update checks from the internet
    user_settings_dir = os.environ.get("LAB_USER_SETTINGS_DIR", os.path.join(os.path.dirname(APP_DIR), "user-settings"))
    workspaces_dir = os.environ.get("LAB_WORKSPACES_DIR", os.path.join(os.path.dirname(APP_DIR), "workspaces"))


if __name__ == "__main__":
    CourseLab.launch_instance()
