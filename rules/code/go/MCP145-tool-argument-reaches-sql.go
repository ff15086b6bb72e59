// Examples for MCP145: SQL built from tool arguments.
package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func findHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, _ := request.RequireString("name")
	// ruleid: MCP145
	rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name))
	if err == nil {
		rows.Close()
	}
	// ok: MCP145
	safe, err := db.QueryContext(ctx, "SELECT id FROM users WHERE name = ?", name)
	if err == nil {
		safe.Close()
	}
	return mcp.NewToolResultText("ok"), nil
}

func main() {
	s := server.NewMCPServer("examples", "1.0.0")
	s.AddTool(mcp.NewTool("find", mcp.WithString("name")), findHandler)
	_ = server.ServeStdio(s)
}
