// Examples for MCP142: tool arguments used as file paths.
package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const root = "/srv/files"

func readHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "")
	// ruleid: MCP142
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func readSafeHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "")
	full := filepath.Join(root, filepath.Clean("/"+name))
	if !strings.HasPrefix(full, root+string(os.PathSeparator)) {
		return mcp.NewToolResultError("outside the root"), nil
	}
	// ok: MCP142
	data, err := os.ReadFile(full)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("read", mcp.WithString("name")), readHandler)
	s.AddTool(mcp.NewTool("read_safe", mcp.WithString("name")), readSafeHandler)
	_ = server.ServeStdio(s)
}
