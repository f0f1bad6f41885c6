import HTMLText
/// The three documents the live view serves besides the event stream: the page shell (with the
/// current frame already in it, so the page is right before the script runs), its style sheet
/// and its script. Sized for a projector: large type, high contrast, dark or light as the
/// viewer's system prefers.
enum PageAssets {
    /// The page with `frame` in place; `query` (`?token=…` or empty) is repeated on the style
    /// sheet and script so they pass the same token check.
    static func page(frame: LiveFrame?, query: String) -> String {
        let title = HTMLText.escape(frame?.title ?? "stepgrad")
        let position = HTMLText.escape(frame?.position ?? "waiting for the first step")
        let body = frame?.bodyHTML ?? ""
        let query = HTMLText.escape(query)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · stepgrad live</title>
            <link rel="stylesheet" href="/app.css\(query)">
            <script src="/app.js\(query)" defer></script>
            </head>
            <body>
            <header>
            <h1 id="title">\(title)</h1>
            <p><span id="position">\(position)</span> <span id="status" class="waiting">connecting…</span></p>
            </header>
            <main id="step">
            \(body)
            </main>
            </body>
            </html>

            """
    }


    /// Replaces the title, position and step on every message; reconnecting is EventSource's own
    /// (the server answers a reconnect with the current frame at once).
    static let script = """
        "use strict";
        (function () {
          const token = new URLSearchParams(window.location.search).get("token");
          const source = new EventSource("/events" + (token ? "?token=" + encodeURIComponent(token) : ""));
          const title = document.getElementById("title");
          const position = document.getElementById("position");
          const step = document.getElementById("step");
          const status = document.getElementById("status");
          function showStatus(text, kind) { status.textContent = text; status.className = kind; }
          source.onopen = function () { showStatus("live", "live"); };
          source.onerror = function () { showStatus("reconnecting…", "lost"); };
          source.onmessage = function (event) {
            const frame = JSON.parse(event.data);
            title.textContent = frame.title;
            position.textContent = frame.position;
            document.title = frame.title + " · stepgrad live";
            step.innerHTML = frame.bodyHTML;
            showStatus("live", "live");
          };
        })();

        """

    /// Type is sized from the window width, so a projector at 1280×720 gets ~26px body text and
    /// a laptop ~20px; colours keep at least 7:1 contrast for text in both schemes.
    static let style = """
        :root { color-scheme: light dark; --bg: #ffffff; --ink: #111318; --muted: #3d4452; --line: #b9c0cc;
          --panel: #f2f4f8; --accent: #1f4fb3; --good: #11602c; --bad: #a3140f; --warn: #7a4a00; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0f1115; --ink: #f3f4f6; --muted: #c4c9d2; --line: #4a5160;
            --panel: #1b1f27; --accent: #8fb4ff; --good: #7ee2a0; --bad: #ff9a94; --warn: #ffd27a; }
        }
        html { font-size: clamp(20px, 2vw, 34px); }
        body { margin: 0; background: var(--bg); color: var(--ink);
          font: 1rem/1.5 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", sans-serif; }
        header { position: sticky; top: 0; background: var(--bg); border-bottom: 2px solid var(--line);
          padding: 0.5rem 1.5rem; z-index: 1; }
        header h1 { font-size: 1.35rem; margin: 0; line-height: 1.25; }
        header p { margin: 0.15rem 0 0; font-size: 1rem; color: var(--muted); font-weight: 600; }
        #status { font-size: 0.8rem; padding: 0.05rem 0.5rem; border-radius: 999px; border: 2px solid currentColor; margin-left: 0.6rem; }
        #status.live { color: var(--good); }
        #status.lost { color: var(--bad); }
        #status.waiting { color: var(--muted); }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h2 { font-size: 1.25rem; } h3 { font-size: 1.1rem; }
        a { color: var(--accent); }
        code, pre, .number, table.matrix, .slice { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", monospace; }
        pre { font-size: 0.95rem; background: var(--panel); padding: 0.5rem 0.8rem; border-left: 5px solid var(--accent);
          overflow-x: auto; white-space: pre-wrap; }
        p code, li code { background: var(--panel); padding: 0 0.2em; border-radius: 4px; }
        blockquote { margin: 0.8rem 0; padding: 0.4rem 1rem; border-left: 5px solid var(--line); background: var(--panel); }
        figure { margin: 0.6rem 0; overflow-x: auto; }
        figcaption { color: var(--muted); font-size: 0.9rem; }
        table.matrix { border-collapse: collapse; font-size: 0.95rem; }
        table.matrix td, table.matrix th { padding: 0.15rem 0.6rem; border: 1px solid var(--line); text-align: right; }
        table.matrix th { color: var(--muted); font-weight: normal; }
        svg { max-width: 100%; height: auto; }
        svg.network { width: 100%; max-height: 78vh; }
        svg.network text.weight, svg.network text.note { paint-order: stroke; stroke: var(--bg); stroke-width: 4px; stroke-linejoin: round; }
        svg text:not([fill]) { fill: var(--ink); }
        svg text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        svg.heatmap { height: min(55vh, 26rem); width: auto; }
        svg.heatmap text.index { font-size: 11px; fill: var(--muted); }
        svg.heatmap text.value { font-size: 11px; } svg.heatmap text.mark { font-size: 12px; }
        .legend { color: var(--muted); font-size: 0.85rem; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
        .verdict, .badge { font-weight: 700; }
        .agrees, .passed { color: var(--good); } .failed { color: var(--bad); } .erratum { color: var(--warn); }

        """
}
