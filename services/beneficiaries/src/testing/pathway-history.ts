// Test support (excluded from the build). Recorded workflow histories as commit-ready JSON fixtures, and back.
//
// Why not the SDK's historyToJSON/historyFromJSON (the `temporal workflow show -o json` format)?
// In this install @temporalio/common and @temporalio/proto each carry their own copy of
// protobufjs 8, and the SDK's proto-JSON conversion then fails with "type must be a Type". The
// History message's own toObject/fromObject (one protobufjs copy, @temporalio/proto's) round-trip
// it exactly; Worker.runReplayHistory takes the decoded History as it is.
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const HistoryType = temporal.api.history.v1.History;

/** Plain JSON: 64-bit integers as strings, enums by name, bytes (payloads) as base64. */
export function historyToFixture(history: History): unknown {
  return HistoryType.toObject(HistoryType.fromObject(history), { longs: String, enums: String, bytes: String });
}

export function historyFromFixture(json: unknown): temporal.api.history.v1.History {
  return HistoryType.fromObject(json as Record<string, unknown>);
}
