// Annotated example for MCP116: credentials in known formats.
package example

const (
	// ruleid: MCP116
	awsKey = "AKIAZ7QW3RTY5UIOP2LK"
	// ruleid: MCP116
	slackHook = "https://hooks.slack.com/services/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"
	// ok: MCP116
	exampleKey = "AKIAIOSFODNN7EXAMPLE"
	// ok: MCP116
	envName = "GITHUB_TOKEN"
)

// ruleid: MCP116
var githubToken = "ghp_R4nd0mL00k1ngT0k3nV4lu3Qw3rTy5U1oP9z"
