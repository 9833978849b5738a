#!/usr/bin/env node
// Drives an MCP server with the official TypeScript SDK client and prints one JSON result document.
//
//   node drive.mjs SPEC.json        (or the spec on stdin: node drive.mjs -)
//
// SPEC:
//   {
//     "transport": {"type": "stdio", "command": "java", "args": ["-jar", "server.jar"], "env": {...}, "cwd": "..."}
//               | {"type": "http", "url": "http://127.0.0.1:8080/mcp", "token": "...", "origin": "http://...",
//                  "headers": {...}},
//     "timeoutMs": 30000,
//     "elicitation": true,        (optional: the client declares the elicitation capability and answers
//                                  elicitation/create requests; without it the client cannot be asked)
//     "steps": [
//       {"op": "listTools"}, {"op": "callTool", "name": "health", "arguments": {}},
//       {"op": "readResource", "uri": "..."}, {"op": "listResources"}, {"op": "listResourceTemplates"},
//       {"op": "listPrompts"}, {"op": "getPrompt", "name": "...", "arguments": {}}, {"op": "ping"},
//       ... each step may say "expect": "ok" | "error"
//       ... and "elicit": {"action": "accept", "content": {...}} | {"action": "decline"} | {"action": "cancel"}:
//       the answer to every elicitation request the server sends while the step runs (a request during a step
//       without "elicit" is answered "cancel"); each request and its answer are recorded in the step's
//       "elicitations": [{"message", "requestedSchema", "answer"}]
//       Strings in "arguments" and "uri" may embed ${/json/pointer} into the result so far, e.g.
//       "${/steps/0/result/structuredContent/results/0/path}": a session can follow what it found. A string that
//       is exactly one ${…} becomes the value found, with its JSON type (a number stays a number).
//     ]
//   }
//
// RESULT (stdout): {"connected", "connectError"?, "protocolVersion"? (HTTP), "serverInfo", "serverCapabilities",
//   "sessionId"?, "steps": [{"op", "ok", "result"? , "error"? {name, message, code, data}, "asExpected"?}],
//   "elicitations"? [...],
//   "transportErrors": [...] (before close), "closeErrors": [...], "stderr"? (stdio, last 20 kB), "allAsExpected"}
// Exit status: 0 when every step with an "expect" (and the connection, unless "expectConnect": false)
// went as expected, 1 otherwise, 2 for a bad spec.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

function describeError(e) {
  if (!e || typeof e !== 'object') return { name: 'Error', message: String(e) };
  const out = { name: e.constructor?.name ?? e.name ?? 'Error', message: String(e.message ?? e) };
  if (e.code !== undefined) out.code = e.code;
  if (e.data !== undefined) out.data = e.data;
  return out;
}

function pointer(doc, ptr) {
  let cur = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in cur)) throw new Error(`no value at ${ptr}`);
    cur = cur[key];
  }
  return cur;
}

// Replaces ${/pointer} in every string of value with what the pointer finds in doc.
function resolveRefs(value, doc) {
  if (typeof value === 'string') {
    const whole = /^\$\{(\/[^}]*)\}$/.exec(value);
    if (whole) return pointer(doc, whole[1]); // the value itself, with its JSON type
    return value.replace(/\$\{(\/[^}]*)\}/g, (_, ptr) => String(pointer(doc, ptr)));
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, doc));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, doc)]));
  }
  return value;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]);
}

async function main() {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: node drive.mjs SPEC.json | -');
    process.exit(2);
  }
  let spec;
  try {
    spec = JSON.parse(readFileSync(source === '-' ? 0 : source, 'utf8'));
  } catch (e) {
    console.error(`drive.mjs: cannot read the spec: ${e.message}`);
    process.exit(2);
  }
  const timeoutMs = spec.timeoutMs ?? 30000;
  const t = spec.transport ?? {};
  const result = { connected: false, steps: [], transportErrors: [], closeErrors: [], notifications: [] };
  let closing = false;
  let stderr = '';
  let transport;
  if (t.type === 'stdio') {
    transport = new StdioClientTransport({
      command: t.command, args: t.args ?? [], cwd: t.cwd,
      env: { ...process.env, ...(t.env ?? {}) }, stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => {
      stderr += chunk.toString();
      if (stderr.length > 40000) stderr = stderr.slice(-20000);
    });
  } else if (t.type === 'http') {
    const headers = { ...(t.headers ?? {}) };
    if (t.token) headers.Authorization = `Bearer ${t.token}`;
    if (t.origin) headers.Origin = t.origin;
    transport = new StreamableHTTPClientTransport(new URL(t.url), { requestInit: { headers } });
  } else {
    console.error(`drive.mjs: transport.type must be "stdio" or "http", was ${JSON.stringify(t.type)}`);
    process.exit(2);
  }

  const capabilities = spec.elicitation ? { elicitation: { form: {} } } : {};
  const client = new Client({ name: 'burrow-interop-driver', version: '1.0.0' }, { capabilities });
  // errors while closing (the aborted standalone SSE stream) are expected; keep them apart
  client.onerror = (e) => (closing ? result.closeErrors : result.transportErrors).push(describeError(e));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => result.notifications.push(n));
  // the answer the current step chose for elicitation requests, and where they are recorded
  let currentStep = null;
  if (spec.elicitation) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const answer = currentStep?.elicit ?? { action: 'cancel' };
      const record = { message: request.params.message, requestedSchema: request.params.requestedSchema, answer };
      if (currentStep) (currentStep.entry.elicitations ??= []).push(record);
      else (result.elicitations ??= []).push(record);
      return answer;
    });
  }

  let allAsExpected = true;
  try {
    await withTimeout(client.connect(transport), timeoutMs, 'connect');
    result.connected = true;
    if (transport.protocolVersion) result.protocolVersion = transport.protocolVersion;
    result.serverInfo = client.getServerVersion();
    result.serverCapabilities = client.getServerCapabilities();
    result.instructions = client.getInstructions();
    if (transport.sessionId) result.sessionId = transport.sessionId;
  } catch (e) {
    result.connectError = describeError(e);
  }
  if ((spec.expectConnect ?? true) !== result.connected) allAsExpected = false;

  if (result.connected) {
    for (const step of spec.steps ?? []) {
      const entry = { op: step.op };
      if (step.name !== undefined) entry.name = step.name;
      currentStep = { entry, elicit: step.elicit };
      try {
        const args = resolveRefs(step.arguments ?? {}, result);
        const uri = step.uri === undefined ? undefined : resolveRefs(step.uri, result);
        if (uri !== undefined) entry.uri = uri;
        let r;
        switch (step.op) {
          case 'listTools': r = await withTimeout(client.listTools(), timeoutMs, step.op); break;
          case 'callTool':
            r = await withTimeout(client.callTool({ name: step.name, arguments: args }), timeoutMs, step.op);
            break;
          case 'readResource': r = await withTimeout(client.readResource({ uri }), timeoutMs, step.op); break;
          case 'listResources': r = await withTimeout(client.listResources(), timeoutMs, step.op); break;
          case 'listResourceTemplates': r = await withTimeout(client.listResourceTemplates(), timeoutMs, step.op); break;
          case 'listPrompts': r = await withTimeout(client.listPrompts(), timeoutMs, step.op); break;
          case 'getPrompt':
            r = await withTimeout(client.getPrompt({ name: step.name, arguments: args }), timeoutMs, step.op);
            break;
          case 'ping': r = await withTimeout(client.ping(), timeoutMs, step.op); break;
          default: throw new Error(`unknown op ${step.op}`);
        }
        entry.ok = true;
        entry.result = r;
      } catch (e) {
        entry.ok = false;
        entry.error = describeError(e);
      }
      if (step.expect) {
        entry.asExpected = (step.expect === 'ok') === entry.ok;
        if (!entry.asExpected) allAsExpected = false;
      }
      currentStep = null;
      result.steps.push(entry);
    }
  }
  closing = true;
  try {
    await withTimeout(client.close(), 10000, 'close');
  } catch (e) {
    result.closeErrors.push(describeError(e));
  }
  if (t.type === 'stdio') result.stderr = stderr.slice(-20000);
  result.allAsExpected = allAsExpected;
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = allAsExpected ? 0 : 1;
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ connected: false, fatal: describeError(e), allAsExpected: false }) + '\n');
  process.exitCode = 1;
});
