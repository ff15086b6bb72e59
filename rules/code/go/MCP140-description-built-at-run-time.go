// Examples for MCP140: descriptions built from run-time state.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const limit = 50

func handler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("ok"), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("search",
		// ok: MCP140
		mcp.WithDescription(fmt.Sprintf("Search the archive (at most %d results).", limit)),
	), handler)
	s.AddTool(mcp.NewTool("status",
		// ruleid: MCP140
		mcp.WithDescription(fmt.Sprintf("Status as of %s", time.Now().Format(time.Kitchen))),
	), handler)
	s.AddTool(mcp.NewTool("deploy",
		// ruleid: MCP140
		mcp.WithDescription("Deploy to "+os.Getenv("TARGET")),
	), handler)
	_ = server.ServeStdio(s)
}
