/**
 * The tiny site the browser benchmark loads: a page with a file input, papaparse's browser build, and
 * a Web Worker that parses the chosen File in 4 MB chunks (how a wizard keeps a 150 MB file off the
 * main thread), next to the current /jobs/new way (file.text() + one Papa.parse on the main thread).
 */
import { createReadStream } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const PAGE = `<!doctype html><meta charset="utf-8"><title>parse bench</title>
<label for="file">CSV file</label> <input id="file" type="file">
<script src="/papaparse.min.js"></script>
<script>
window.parseInWorker = () => new Promise((resolve, reject) => {
  const worker = new Worker("/worker.js");
  worker.onmessage = (event) => { worker.terminate(); event.data.error ? reject(new Error(event.data.error)) : resolve(event.data); };
  worker.postMessage(document.getElementById("file").files[0]);
});
window.parseWhole = async () => {
  const started = performance.now();
  const text = await document.getElementById("file").files[0].text();
  const parsed = Papa.parse(text, { skipEmptyLines: true });
  return { ms: performance.now() - started, rows: parsed.data.length, errors: parsed.errors.length };
};
</script>`;

const WORKER = `importScripts("/papaparse.min.js");
onmessage = (event) => {
  const started = performance.now();
  let rows = 0;
  let errors = 0;
  Papa.parse(event.data, {
    chunkSize: 4 * 1024 * 1024,
    skipEmptyLines: true,
    chunk: (results) => { rows += results.data.length; errors += results.errors.length; },
    complete: () => postMessage({ ms: performance.now() - started, rows, errors }),
    error: (error) => postMessage({ error: String(error) }),
  });
};`;

export async function serveParsePage(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url === "/") response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    else if (request.url === "/worker.js") response.writeHead(200, { "content-type": "text/javascript" }).end(WORKER);
    else if (request.url === "/papaparse.min.js") {
      response.writeHead(200, { "content-type": "text/javascript" });
      createReadStream(path.join(root, "node_modules", "papaparse", "papaparse.min.js")).pipe(response);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
