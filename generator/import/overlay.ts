/**
 * OpenAPI Overlay 1.0 (https://spec.openapis.org/overlay/v1.0.0): the project's corrections to
 * cPanel's document, kept apart from the imported facts so that a re-import keeps them.
 *
 * Targets are RFC 9535 JSONPath expressions, evaluated by `jsonpath-rfc9535` (no dependencies,
 * passes the JSONPath compliance suite); applying the actions is ours and small:
 * - `remove: true` deletes each matched node from its parent (object key or array element);
 * - `update` on an object merges recursively: objects merge key by key, any other value
 *   (including arrays) replaces what was there;
 * - `update` on an array appends the value (each element, when the value is an array).
 * Actions run in order; a later action sees the result of the earlier ones.
 *
 * whmgen asks two things of every action beyond the standard: a one-line `description` (the
 * reason) and `x-evidence`, a link to the documentation that shows the fix is right. An action
 * whose target matches nothing is reported, not an error: after a cPanel release, a vanished
 * target is how a correction that cPanel has made itself (or a removed function) shows up.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { exec, type JsonValue } from "jsonpath-rfc9535";
import { WhmgenError } from "../errors.js";
import { displayPath, parseText } from "../load/read.js";
import { compareNames } from "../naming.js";
import { isObj, type Obj } from "../json.js";


export interface OverlayAction {
  target: string;
  description: string;
  evidence: string;
  update?: unknown;
  remove?: boolean;
  /** Where the action is written: the overlay file and a JSON pointer to it. */
  file: string;
  pointer: string;
}

export interface Overlay {
  file: string;
  title: string;
  actions: OverlayAction[];
}

export interface ActionOutcome {
  action: OverlayAction;
  /** How many nodes the target matched. */
  matched: number;
  /** Where they were (keys and indices from the root), before the action changed anything. */
  locations: (string | number)[][];
}


/** Reads and checks one overlay document. */
export function parseOverlay(text: string, file: string): Overlay {
  const doc = parseText(text, file);
  if (!isObj(doc)) throw new WhmgenError("an overlay must be a mapping", { file, pointer: "" });
  if (typeof doc["overlay"] !== "string" || !/^1\.0\.\d+$/.test(doc["overlay"])) {
    throw new WhmgenError(`"overlay" must be "1.0.0" (OpenAPI Overlay 1.0), got ${JSON.stringify(doc["overlay"])}`, { file, pointer: "/overlay" });
  }
  const info = doc["info"];
  if (!isObj(info) || typeof info["title"] !== "string" || typeof info["version"] !== "string") {
    throw new WhmgenError('"info" must hold a "title" and a "version" (strings)', { file, pointer: "/info" });
  }
  const list = doc["actions"];
  if (!Array.isArray(list) || list.length === 0) throw new WhmgenError('"actions" must be a non-empty list', { file, pointer: "/actions" });
  const actions = list.map((raw, i): OverlayAction => {
    const pointer = `/actions/${i}`;
    if (!isObj(raw)) throw new WhmgenError("an action must be a mapping", { file, pointer });
    const target = raw["target"];
    if (typeof target !== "string" || !target.startsWith("$")) throw new WhmgenError('"target" must be a JSONPath expression starting with "$"', { file, pointer: `${pointer}/target` });
    const description = raw["description"];
    if (typeof description !== "string" || description.trim() === "" || description.includes("\n")) {
      throw new WhmgenError('"description" must give the reason for the correction in one line', { file, pointer: `${pointer}/description` });
    }
    const evidence = raw["x-evidence"];
    if (typeof evidence !== "string" || !/^https:\/\/\S+$/.test(evidence)) {
      throw new WhmgenError('"x-evidence" must be an https link to the documentation that shows the correction is right', { file, pointer: `${pointer}/x-evidence` });
    }
    const remove = raw["remove"];
    if (remove !== undefined && typeof remove !== "boolean") throw new WhmgenError('"remove" must be true or false', { file, pointer: `${pointer}/remove` });
    if (raw["update"] === undefined && remove !== true) throw new WhmgenError('an action needs "update" or "remove: true"', { file, pointer });
    const action: OverlayAction = { target, description, evidence, file, pointer };
    if (remove === true) action.remove = true;
    else action.update = raw["update"];
    return action;
  });
  return { file, title: info["title"], actions };
}

/** Reads the overlay documents of a folder (or one file), in name order. */
export async function readOverlays(where: string, cwd: string): Promise<Overlay[]> {
  const abs = path.resolve(cwd, where);
  let files: string[];
  try {
    const entries = await readdir(abs, { withFileTypes: true });
    files = entries
      .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name) && !e.name.startsWith("."))
      .map((e) => path.join(abs, e.name))
      .sort(compareNames);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code !== "ENOTDIR") throw error;
    files = [abs];
  }
  return Promise.all(files.map(async (f) => parseOverlay(await readFile(f, "utf8"), displayPath(f, cwd))));
}

/** A location as a list of keys and indices from the root. */
type Location = (string | number)[];

function merge(target: Obj, update: Obj): void {
  for (const [key, value] of Object.entries(update)) {
    const before = target[key];
    if (isObj(before) && isObj(value)) merge(before, value);
    else target[key] = structuredClone(value);
  }
}

/** Applies the actions to `doc` in place and says how many nodes each matched. */
export function applyOverlays(doc: Obj, overlays: readonly Overlay[]): ActionOutcome[] {
  const outcomes: ActionOutcome[] = [];
  for (const overlay of overlays) {
    for (const action of overlay.actions) {
      const locations: Location[] = [];
      try {
        exec(doc as JsonValue, action.target, (_value, where) => void locations.push([...where]));
      } catch (error) {
        throw new WhmgenError(`"target" is not a valid JSONPath expression: ${(error as Error).message}`, { file: action.file, pointer: `${action.pointer}/target` });
      }
      // Deepest and last first, so that removing an array element does not shift the ones still to go.
      locations.sort((a, b) => compareLocations(b, a));
      for (const location of locations) applyAt(doc, location, action);
      outcomes.push({ action, matched: locations.length, locations });
    }
  }
  return outcomes;
}

function compareLocations(a: Location, b: Location): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return compareNames(String(x), String(y));
  }
  return a.length - b.length;
}

function applyAt(doc: Obj, location: Location, action: OverlayAction): void {
  const place = { file: action.file, pointer: action.pointer };
  if (action.remove) {
    if (location.length === 0) throw new WhmgenError("cannot remove the whole document", place);
    let parent: unknown = doc;
    for (const step of location.slice(0, -1)) parent = (parent as Obj)[step as string];
    const last = location[location.length - 1]!;
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Obj)[last as string];
    return;
  }
  let node: unknown = doc;
  for (const step of location) node = (node as Obj)[step as string];
  if (Array.isArray(node)) {
    const items = Array.isArray(action.update) ? action.update : [action.update];
    node.push(...items.map((v) => structuredClone(v)));
  } else if (isObj(node) && isObj(action.update)) {
    merge(node, action.update);
  } else {
    throw new WhmgenError(`"update" must be a mapping to merge into the ${isObj(node) ? "object" : "value"} the target matches`, { ...place, pointer: `${action.pointer}/update` });
  }
}
