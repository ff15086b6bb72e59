// Examples for MCP141: tool arguments and commands.
package main

import (
	"context"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func lookupHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	host, _ := request.RequireString("host")
	// ruleid: MCP141
	out, _ := exec.CommandContext(ctx, "sh", "-c", "nslookup "+host).Output()
	// ok: MCP141
	safe, _ := exec.CommandContext(ctx, "nslookup", "--", host).Output()
	// ok: MCP141
	date, _ := exec.Command("sh", "-c", "date -u").Output()
	return mcp.NewToolResultText(string(out) + string(safe) + string(date)), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("lookup", mcp.WithDescription("Resolve a host name."),
		mcp.WithString("host", mcp.Required())), lookupHandler)
	_ = server.ServeStdio(s)
}
