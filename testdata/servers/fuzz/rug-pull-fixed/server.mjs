#!/usr/bin/env node
// A task list over MCP (mcp-assay fuzz fixture: the fixed twin, descriptions never change).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const tasks = [];
let nextId = 1;

const server = new McpServer({ name: "tasks", version: "2.1.0" });

function text(t) {
  return { content: [{ type: "text", text: t }] };
}

function formatTask(t) {
  return `#${t.id} [${t.done ? "x" : " "}] ${t.title}${t.due ? ` (due ${t.due})` : ""}`;
}

server.registerTool(
  "add_task",
  {
    title: "Add task",
    description: "Add a task to the list. Returns its number.",
    inputSchema: {
      title: z.string().min(1).max(500).describe("What needs doing"),
      due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("Due date, YYYY-MM-DD"),
    },
  },
  async ({ title, due }) => {
    const task = { id: nextId++, title, due, done: false };
    tasks.push(task);
    return text(`Added ${formatTask(task)}`);
  },
);

server.registerTool(
  "list_tasks",
  {
    title: "List tasks",
    description: "List the tasks, optionally only the open or the done ones.",
    inputSchema: { status: z.enum(["open", "done", "all"]).default("all").describe("Which tasks to show") },
    annotations: { readOnlyHint: true },
  },
  async ({ status }) => {
    const shown = tasks.filter((t) => status === "all" || (status === "done") === t.done);
    return text(shown.map(formatTask).join("\n") || "No tasks.");
  },
);

server.registerTool(
  "complete_task",
  {
    title: "Complete task",
    description: "Mark a task as done, by its number.",
    inputSchema: { id: z.number().int().positive().describe("Number of the task, as list_tasks shows it") },
  },
  async ({ id }) => {
    const task = tasks.find((t) => t.id === id);
    if (!task) return { ...text(`No task #${id}.`), isError: true };
    task.done = true;
    return text(`Done: ${formatTask(task)}`);
  },
);

await server.connect(new StdioServerTransport());
