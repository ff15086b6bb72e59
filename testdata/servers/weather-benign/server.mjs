#!/usr/bin/env node
// A benign weather MCP server: forecasts, alerts, a resource and a prompt, answered from bundled sample data.
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// Bundled observations keep the server offline and deterministic, so a scan of it never depends on a remote API.
const STATIONS = {
  "CA/San Francisco": { station: "KSFO", lat: 37.6188, lon: -122.375, highs: [64, 66, 63, 61, 62, 65, 67], sky: ["Fog, then sun", "Sunny", "Partly cloudy", "Light rain", "Showers", "Mostly sunny", "Sunny"] },
  "WA/Seattle": { station: "KSEA", lat: 47.4502, lon: -122.3088, highs: [52, 50, 49, 51, 53, 55, 54], sky: ["Rain", "Rain", "Showers", "Cloudy", "Partly cloudy", "Mostly cloudy", "Drizzle"] },
  "NY/New York": { station: "KNYC", lat: 40.7789, lon: -73.9692, highs: [71, 74, 77, 75, 70, 68, 72], sky: ["Sunny", "Sunny", "Humid, storms late", "Thunderstorms", "Clearing", "Breezy", "Sunny"] },
  "TX/Austin": { station: "KAUS", lat: 30.1945, lon: -97.6699, highs: [96, 98, 99, 101, 97, 94, 95], sky: ["Hot", "Hot", "Very hot", "Heat advisory", "Hot", "Isolated storms", "Hot"] },
};

const ALERTS = {
  TX: [{ event: "Heat Advisory", severity: "Moderate", area: "Austin; Round Rock; San Marcos", headline: "Heat index values up to 108 expected Thursday afternoon.", instruction: "Drink plenty of fluids, stay in an air-conditioned room, and check on relatives and neighbors." }],
  NY: [{ event: "Severe Thunderstorm Watch", severity: "Severe", area: "New York; Brooklyn; Jersey City", headline: "Severe thunderstorms possible Wednesday evening.", instruction: "Be ready to move to a place of shelter if a warning is issued." }],
};

const DAYS = ["Today", "Tomorrow", "Day 3", "Day 4", "Day 5", "Day 6", "Day 7"];

function findStation(city, state) {
  return STATIONS[`${state.toUpperCase()}/${city}`] ??
    Object.entries(STATIONS).find(([key]) => key.toLowerCase() === `${state}/${city}`.toLowerCase())?.[1];
}

function nearestStation(latitude, longitude) {
  let best;
  for (const [key, s] of Object.entries(STATIONS)) {
    const distance = Math.hypot(s.lat - latitude, s.lon - longitude);
    if (!best || distance < best.distance) best = { key, station: s, distance };
  }
  return best;
}

function formatForecast(label, station, days) {
  const lines = station.highs.slice(0, days).map((high, i) => `${DAYS[i]}: ${station.sky[i]}, high ${high}°F`);
  return `Forecast for ${label} (station ${station.station}):\n${lines.join("\n")}`;
}

function formatAlerts(state, city) {
  const all = ALERTS[state.toUpperCase()] ?? [];
  const alerts = city ? all.filter((a) => a.area.toLowerCase().includes(city.toLowerCase())) : all;
  if (alerts.length === 0) return `No active alerts for ${city ? `${city}, ` : ""}${state.toUpperCase()}.`;
  return alerts.map((a) => `${a.event} (${a.severity})\nArea: ${a.area}\n${a.headline}\n${a.instruction}`).join("\n---\n");
}

const server = new McpServer(
  { name: "weather", title: "Weather", version: "1.4.0" },
  { instructions: "Use get_forecast for a city, get_forecast_by_coordinates when you only have a position, and get_alerts before suggesting outdoor plans." },
);

const cityParams = {
  city: z.string().min(1).describe("City name, e.g. Seattle"),
  state: z.string().length(2).describe("Two-letter US state code, e.g. WA"),
};

server.registerTool(
  "get_forecast",
  {
    title: "Get forecast",
    description: "Get the daily weather forecast for a US city.",
    inputSchema: { ...cityParams, days: z.number().int().min(1).max(7).default(3).describe("Number of days to return (1-7)") },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ city, state, days }) => {
    const station = findStation(city, state);
    if (!station) return { isError: true, content: [{ type: "text", text: `No forecast data for ${city}, ${state}.` }] };
    return { content: [{ type: "text", text: formatForecast(`${city}, ${state.toUpperCase()}`, station, days) }] };
  },
);

server.registerTool(
  "get_forecast_by_coordinates",
  {
    title: "Get forecast by coordinates",
    description: "Get the daily forecast from the weather station nearest to a position. IMPORTANT: coordinates must be in decimal degrees (for example 47.61, -122.33), not degrees-minutes-seconds.",
    inputSchema: {
      latitude: z.number().min(-90).max(90).describe("Latitude in decimal degrees"),
      longitude: z.number().min(-180).max(180).describe("Longitude in decimal degrees"),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ latitude, longitude }) => {
    const { key, station } = nearestStation(latitude, longitude);
    return { content: [{ type: "text", text: formatForecast(key.split("/").reverse().join(", "), station, 3) }] };
  },
);

server.registerTool(
  "get_alerts",
  {
    title: "Get weather alerts",
    description: "Get active weather alerts (watches, warnings and advisories) for a US state. The city narrows the result to alerts whose area mentions it.",
    inputSchema: { state: cityParams.state, city: z.string().optional().describe("Optional city name to filter alerts by area") },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ state, city }) => ({ content: [{ type: "text", text: formatAlerts(state, city) }] }),
);

server.registerResource(
  "stations",
  "weather://stations",
  { title: "Weather stations", description: "The weather stations this server has data for.", mimeType: "application/json" },
  async (uri) => ({
    contents: [{
      uri: uri.href,
      mimeType: "application/json",
      text: JSON.stringify(Object.entries(STATIONS).map(([key, s]) => ({ place: key, station: s.station, lat: s.lat, lon: s.lon })), null, 2),
    }],
  }),
);

server.registerResource(
  "forecast",
  new ResourceTemplate("weather://forecast/{state}/{city}", { list: undefined }),
  { title: "City forecast", description: "Three-day forecast for a city, as plain text.", mimeType: "text/plain" },
  async (uri, { state, city }) => {
    const station = findStation(decodeURIComponent(city), state);
    return { contents: [{ uri: uri.href, mimeType: "text/plain", text: station ? formatForecast(`${decodeURIComponent(city)}, ${state}`, station, 3) : "No data." }] };
  },
);

server.registerPrompt(
  "plan_outdoor_day",
  {
    title: "Plan an outdoor day",
    description: "Suggest an outdoor plan that fits the forecast and any active alerts.",
    argsSchema: { city: z.string().describe("City name"), state: z.string().describe("Two-letter state code"), activity: z.string().describe("What the user wants to do, e.g. hiking") },
  },
  ({ city, state, activity }) => ({
    messages: [{
      role: "user",
      content: { type: "text", text: `I want to go ${activity} near ${city}, ${state}. Check the forecast and active alerts, then suggest the best day and time, and what to bring.` },
    }],
  }),
);

await server.connect(new StdioServerTransport());
console.error("weather MCP server running on stdio");
