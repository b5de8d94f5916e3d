declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number };
  type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
  };
  function autocannon(options: Options): Promise<Result>;
  function autocannon(options: Options, callback: (error: unknown, result: Result) => void): { stop(): void };
  export default autocannon;
}
