"""Examples for MCP134: tool arguments evaluated as code."""
import ast

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")


@mcp.tool()
def calc(expression: str) -> str:
    """Evaluate an expression."""
    # ruleid: MCP134
    value = eval(expression)
    # ok: MCP134
    literal = ast.literal_eval(expression)
    # ok: MCP134
    two = eval("1 + 1")
    return str((value, literal, two))
