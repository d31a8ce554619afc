// tfjs's threaded WASM backend starts each pthread worker from `factory.toString()`. Once our
// bundle is minified that text names helpers that exist only inside the bundle, so the threads
// never start. vite.config.ts routes tfjs's import of the factory here: this worker runs the
// bundled factory, and the threads get the package's own self-contained source text.
import factory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import source from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';

const startThreaded: typeof factory = (config) => factory(config);
// tfjs prefixes this text with `var WasmBackendModuleThreadedSimd = `.
startThreaded.toString = () => `(function () {\n${source}\nreturn WasmBackendModuleThreadedSimd;\n})()`;

export default startThreaded;
