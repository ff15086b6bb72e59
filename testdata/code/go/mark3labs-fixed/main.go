// The host-diagnostics server, fixed: no shell, log names confined to /var/log, an allowlist
// of URLs, a parameterized query.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	_ "modernc.org/sqlite"
)

var (
	db           *sql.DB
	hostPattern  = regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
	allowedHosts = map[string]bool{"status.example.com": true, "api.example.com": true}
)

const logRoot = "/var/log"

func pingHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	host, err := request.RequireString("host")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	if !hostPattern.MatchString(host) {
		return mcp.NewToolResultError("invalid host"), nil
	}
	out, err := exec.CommandContext(ctx, "ping", "-c", "3", "--", host).CombinedOutput()
	if err != nil {
		return mcp.NewToolResultError(string(out)), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func readLogHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "syslog")
	full := filepath.Join(logRoot, filepath.Clean("/"+name))
	if !strings.HasPrefix(full, logRoot+string(os.PathSeparator)) {
		return mcp.NewToolResultError("outside /var/log"), nil
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(data)), nil
}

func checkURLHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	raw, err := request.RequireString("url")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	parsed, err := url.Parse(raw)
	if err != nil || parsed.Scheme != "https" || !allowedHosts[parsed.Hostname()] {
		return mcp.NewToolResultError("URL not allowed"), nil
	}
	resp, err := http.Get(parsed.String())
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func eventsHandler(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	service, err := request.RequireString("service")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	rows, err := db.QueryContext(ctx, "SELECT ts, message FROM events WHERE service = ? ORDER BY ts DESC", service)
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

func main() {
	var err error
	db, err = sql.Open("sqlite", "/var/lib/diag/events.db")
	if err != nil {
		panic(err)
	}
	s := server.NewMCPServer("host-diagnostics", "0.9.2")
	s.AddTool(mcp.NewTool("ping_host",
		mcp.WithDescription("Ping a host and report packet loss."),
		mcp.WithString("host", mcp.Required(), mcp.Description("Host name or IP address")),
	), pingHandler)
	s.AddTool(mcp.NewTool("read_log",
		mcp.WithDescription("Read a log file from /var/log."),
		mcp.WithString("name", mcp.Description("Log file name")),
	), readLogHandler)
	s.AddTool(mcp.NewTool("check_url",
		mcp.WithDescription("Check that a URL answers with HTTP 200."),
		mcp.WithString("url", mcp.Required(), mcp.Description("The URL to check")),
	), checkURLHandler)
	s.AddTool(mcp.NewTool("recent_events",
		mcp.WithDescription("Recent events of a service."),
		mcp.WithString("service", mcp.Required(), mcp.Description("Service name")),
	), eventsHandler)
	if err := server.ServeStdio(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}
