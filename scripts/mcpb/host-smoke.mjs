// Runs an unpacked MCP bundle the way a desktop host does: the mcp_config of its manifest.json resolved by the mcpb
// library's own getMcpConfigForManifest (defaults, ${__dirname}, ${user_config.*}, directory lists expanded), then
// the command spawned with that environment, speaking MCP over stdio: initialize, notifications/initialized,
// tools/call zim_search {"query":"gopher"} (and zim_metadata when a ZIM folder is given).
//   node scripts/mcpb/host-smoke.mjs UNPACKED_DIR [ZIM_DIR]
// Exits 0 when every answer is right; bounded by a 60 s timer.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const mcpb = await import(require.resolve("@anthropic-ai/mcpb", { paths: [resolve(process.argv[1], "../../../tools/mcpb")] }));
const dir = resolve(process.argv[2]);
const zimDir = process.argv[3];
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
const userConfig = zimDir ? { zim_directories: [resolve(zimDir)] } : {};
const config = await mcpb.getMcpConfigForManifest({
  manifest, extensionPath: dir, systemDirs: {}, userConfig, pathSeparator: "/", logger: console,
});
if (!config) throw new Error("no mcp_config resolved");
const fail = (m) => { console.error(`host-smoke: FAILED: ${m}`); process.exit(1); };
setTimeout(() => fail("timed out after 60 s"), 60_000).unref();
for (const s of [config.command, ...config.args, ...Object.values(config.env ?? {})]) {
  if (s.includes("${")) fail(`unresolved variable in ${s}`);
}

const child = spawn(config.command, config.args, { env: { ...process.env, ...config.env }, stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
child.stderr.on("data", (d) => { stderr += d; });
child.on("exit", (code) => { if (pending.size) fail(`server exited (${code}) with answers pending:\n${stderr}`); });
const pending = new Map();
let buf = "";
child.stdout.on("data", (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf("\n")) >= 0) {
    const line = buf.slice(0, nl); buf = buf.slice(nl + 1);
    let msg;
    try { msg = JSON.parse(line); } catch { fail(`stdout line is not JSON: ${line.slice(0, 200)}`); }
    if (msg.id !== undefined && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  }
});
let nextId = 1;
const request = (method, params) => new Promise((res) => {
  const id = nextId++;
  pending.set(id, res);
  child.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
});

const init = await request("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "host-smoke", version: "1" } });
if (init.result?.serverInfo?.name !== "burrow") fail(`initialize: ${JSON.stringify(init)}`);
child.stdin.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) + "\n");
if (zimDir) {
  const meta = await request("tools/call", { name: "zim_metadata", arguments: {} });
  if (meta.result?.isError || !JSON.stringify(meta.result).includes(".zim")) fail(`zim_metadata: ${JSON.stringify(meta).slice(0, 400)}`);
  console.log(`host-smoke: zim_metadata over the configured folder: ${meta.result.structuredContent?.zim_file_path ?? "ok"}`);
} else {
  const search = await request("tools/call", { name: "zim_search", arguments: { query: "gopher" } });
  const sc = search.result?.structuredContent;
  if (search.result?.isError || !(sc?.total > 0)) fail(`zim_search: ${JSON.stringify(search).slice(0, 400)}`);
  console.log(`host-smoke: zim_search over the demo archive: ${sc.total} hits, first "${sc.results[0].title}"`);
}
console.log(`host-smoke: ${config.command} ${config.args.join(" ")} -> ${init.result.serverInfo.name} ${init.result.serverInfo.version} (${init.result.protocolVersion})`);
child.stdin.end();
child.on("exit", () => process.exit(0));
