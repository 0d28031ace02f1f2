export {
  WebSocketService,
  webSocketService,
  type SocketFactory,
  type WebSocketEventHandlers,
  type WebSocketServiceOptions,
} from './services/WebSocketService.js';
export { useJobWebSocket, type UseJobWebSocketOptions, type UseJobWebSocketResult } from './hooks/useJobWebSocket.js';
export * from './types.js';
