import * as grpc from "@grpc/grpc-js";
import { KapsoOpsError } from "./errors";

/** Per-call options of a promise method. */
export interface CallOptions extends Partial<grpc.CallOptions> {
  metadata?: grpc.Metadata;
}

type UnaryDefinition<Req, Res> = grpc.MethodDefinition<Req, Res> & { requestStream: false; responseStream: false };
type ServerStreamDefinition<Req, Res> = grpc.MethodDefinition<Req, Res> & { requestStream: false; responseStream: true };

/**
 * The promise-returning methods of a generated service definition (ts-proto's
 * `WebhooksService`, ...): `await ops.webhooks.getWebhook(req)`, no `.bind`.
 */
export type PromiseClient<S> = {
  [K in keyof S]: S[K] extends UnaryDefinition<infer Req, infer Res>
    ? (request: Req, options?: CallOptions) => Promise<Res>
    : S[K] extends ServerStreamDefinition<infer Req, infer Res>
      ? (request: Req, options?: CallOptions) => grpc.ClientReadableStream<Res>
      : never;
};

/**
 * Builds a PromiseClient for `definition` on a grpc-js client. Failures reject
 * with KapsoOpsError, or with grpc-js's ServiceError when `rawErrors` is set.
 */
export function promiseClient<S extends grpc.ServiceDefinition>(
  definition: S,
  client: grpc.Client,
  rawErrors = false,
): PromiseClient<S> {
  const methods: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(definition)) {
    if (def.responseStream) {
      // The live tails (Follow*): grpc-js's readable stream; its "error"
      // event carries grpc-js's ServiceError (the resume token is in its
      // ErrorInfo metadata, KapsoOpsError.fromServiceError reads it).
      methods[name] = (request: unknown, options: CallOptions = {}) => {
        const { metadata = new grpc.Metadata(), ...callOptions } = options;
        return client.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, request,
          metadata, callOptions);
      };
      continue;
    }
    methods[name] = (request: unknown, options: CallOptions = {}) => {
      const { metadata = new grpc.Metadata(), ...callOptions } = options;
      return new Promise((resolve, reject) => {
        client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadata,
          callOptions, (err, res) => {
            if (err) reject(rawErrors ? err : KapsoOpsError.fromServiceError(err));
            else resolve(res);
          });
      });
    };
  }
  return methods as PromiseClient<S>;
}

/** The fields every List* request and response share. */
export interface PagedRequest { pageToken: string }
export interface PagedResponse { nextPageToken: string }

/**
 * Async iterator over the pages of a List* method, following nextPageToken to the
 * last page: `for await (const page of pages(ops.triage.listApiLogs, req)) ...`.
 * The request passed in is not changed.
 */
export async function* pages<Req extends PagedRequest, Res extends PagedResponse>(
  method: (request: Req, options?: CallOptions) => Promise<Res>,
  request: Req,
  options?: CallOptions,
): AsyncGenerator<Res, void, undefined> {
  let pageToken = request.pageToken;
  for (;;) {
    const page = await method({ ...request, pageToken }, options);
    yield page;
    if (!page.nextPageToken) return;
    pageToken = page.nextPageToken;
  }
}
