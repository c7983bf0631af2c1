/** The messages between the workshop's server and its simulation thread. Types only. */
import type { InputIssue } from '../engine/result.js';
import type { BaseChoice, CardsPayload, MapPayload, SimulationRequest, TimelinePayload } from './session.js';

export type ThreadRequest =
  | { readonly type: 'simulate'; readonly id: number; readonly request: SimulationRequest }
  | { readonly type: 'export'; readonly id: number }
  /** A base was picked: read it and simulate its first futures while the room builds packages. */
  | { readonly type: 'prepare'; readonly base: BaseChoice }
  | { readonly type: 'abort' };

export type ThreadReply =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly futures: number }
  | { readonly type: 'cards'; readonly id: number; readonly cards: CardsPayload }
  | { readonly type: 'timeline'; readonly id: number; readonly timeline: TimelinePayload }
  | { readonly type: 'map'; readonly id: number; readonly map: MapPayload }
  | { readonly type: 'done'; readonly id: number; readonly futures: number }
  | { readonly type: 'stopped'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly issues: readonly InputIssue[] }
  | { readonly type: 'exported'; readonly id: number; readonly dir: string };
