// Examples for MCP143: tool arguments and outbound requests.
package main

import (
	"context"
	"net/http"
	"net/url"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var allowed = map[string]bool{"api.example.com": true}

func getHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	target, _ := request.RequireString("url")
	// ruleid: MCP143
	resp, err := http.Get(target)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func getAllowedHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	raw, _ := request.RequireString("url")
	parsed, err := url.Parse(raw)
	if err != nil || !allowed[parsed.Hostname()] {
		return mcp.NewToolResultError("not allowed"), nil
	}
	// ok: MCP143
	resp, err := http.Get(parsed.String())
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func itemHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id, _ := request.RequireString("id")
	// ok: MCP143
	resp, err := http.Get("https://api.example.com/items/" + url.PathEscape(id))
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("get", mcp.WithString("url")), getHandler)
	s.AddTool(mcp.NewTool("get_allowed", mcp.WithString("url")), getAllowedHandler)
	s.AddTool(mcp.NewTool("item", mcp.WithString("id")), itemHandler)
	_ = server.ServeStdio(s)
}
