// Annotated example for MCP117: credential-shaped literals in secret-named places.
package example

import "os"

type Config struct {
	APIToken string
	Region   string
}

// ruleid: MCP117
const apiKey = "f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4"

// ok: MCP117
const tokenEnv = "GITHUB_PERSONAL_ACCESS_TOKEN_V2"

func configure() Config {
	// ruleid: MCP117
	clientSecret := "Zt7Qp2Lm9Xv4Rb8Nc1Kd6Wf3Hg5Js0Ay"
	// ok: MCP117
	password := os.Getenv("DB_PASSWORD")
	_, _ = clientSecret, password
	return Config{
		// ruleid: MCP117
		APIToken: "9b1d7e3f5a2c4e6b8d0f1a3c5e7b9d2f",
		// ok: MCP117
		Region: "eu-west-1-zone-a-2024-extended",
	}
}
