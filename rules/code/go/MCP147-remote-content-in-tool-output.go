// Examples for MCP147: fetched content returned as tool output.
package main

import (
	"context"
	"io"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func pageHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	resp, err := http.Get("https://docs.example.com/index.txt")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	// ruleid: MCP147
	return mcp.NewToolResultText(string(body)), nil
}

func healthHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	resp, err := http.Get("https://docs.example.com/health")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	// ok: MCP147
	return mcp.NewToolResultText(resp.Status), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("page"), pageHandler)
	s.AddTool(mcp.NewTool("health"), healthHandler)
	_ = server.ServeStdio(s)
}
