// The service's usage example from the package README, exactly as written there. Run by the unit tests.
import { webSocketService } from '@/services/WebSocketService';

export function serviceExample() {
// Connect to WebSocket
webSocketService.connect();

// Register event handlers
webSocketService.on({
  onConnect: () => console.log('Connected'),
  onJobProgress: (data) => console.log('Progress:', data),
  onJobCompleted: (data) => console.log('Completed:', data),
});

// Subscribe to job updates
webSocketService.subscribeToJobs({ userId: 'user123' });
}

export function serviceExampleEnd() {
// Disconnect when done
webSocketService.disconnect();
}
