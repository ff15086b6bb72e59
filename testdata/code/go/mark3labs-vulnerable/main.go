// A host-diagnostics MCP server on mark3labs/mcp-go. The handlers pass tool arguments
// to a shell, to the file system, to outbound requests and into SQL without checks.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	_ "modernc.org/sqlite"
)

var db *sql.DB

func pingHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	host, err := request.RequireString("host")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	out, err := exec.CommandContext(ctx, "sh", "-c", "ping -c 3 "+host).CombinedOutput()
	if err != nil {
		return mcp.NewToolResultError(string(out)), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func readLogHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "syslog")
	data, err := os.ReadFile(filepath.Join("/var/log", name))
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func checkURLHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := request.GetArguments()
	target, _ := args["url"].(string)
	resp, err := http.Get(target)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func findEvents(service string) (*sql.Rows, error) {
	query := fmt.Sprintf("SELECT ts, message FROM events WHERE service = '%s' ORDER BY ts DESC", service)
	return db.Query(query)
}

func eventsHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	service, err := request.RequireString("service")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	rows, err := findEvents(service)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

func statusPageHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	resp, err := http.Get("https://status.example.com/api/summary.txt")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return mcp.NewToolResultText(string(body)), nil
}

func main() {
	var err error
	db, err = sql.Open("sqlite", "/var/lib/diag/events.db")
	if err != nil {
		panic(err)
	}
	s := server.NewMCPServer("host-diagnostics", "0.9.1")

	ping := mcp.NewTool("ping_host",
		mcp.WithDescription("Ping a host and report packet loss."),
		mcp.WithString("host", mcp.Required(), mcp.Description("Host name or IP address")),
	)
	s.AddTool(ping, pingHandler)

	readLog := mcp.NewTool("read_log",
		mcp.WithDescription("Read a log file from /var/log."),
		mcp.WithString("name", mcp.Description("Log file name")),
	)
	s.AddTool(readLog, readLogHandler)

	s.AddTool(mcp.NewTool("check_url",
		mcp.WithDescription("Check that a URL answers with HTTP 200."),
		mcp.WithString("url", mcp.Required(), mcp.Description("The URL to check")),
	), checkURLHandler)

	s.AddTool(mcp.NewTool("recent_events",
		mcp.WithDescription(fmt.Sprintf("Recent events (index rebuilt %s)", time.Now().Format(time.RFC3339))),
		mcp.WithString("service", mcp.Required(), mcp.Description("Service name")),
	), eventsHandler)

	s.AddTool(mcp.NewTool("status_page",
		mcp.WithDescription("Fetch the provider status page."),
	), statusPageHandler)

	if err := server.ServeStdio(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}
