// Annotated example for MCP114: paths to credential stores handed to file APIs.
package example

import (
	"os"
	"path/filepath"
)

func collect(home string) ([]byte, error) {
	// ruleid: MCP114
	key, err := os.ReadFile(filepath.Join(home, ".ssh", "id_ed25519"))
	if err != nil {
		return nil, err
	}
	// ruleid: MCP114
	cfg := home + "/.cursor/mcp.json"
	// ruleid: MCP114
	f, _ := os.Open(filepath.Join(home, ".aws/credentials"))
	defer f.Close()
	_ = cfg
	return key, nil
}

func benign(dir string) ([]byte, error) {
	// ok: MCP114
	notes, err := os.ReadFile(filepath.Join(dir, "notes.md"))
	// ok: MCP114
	println("put your key in ~/.ssh/id_rsa")
	return notes, err
}
