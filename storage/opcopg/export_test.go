package opcopg

// ListenerPID is the backend pid of s's sessions listener (0 before it
// listens).
func ListenerPID(s *Store) uint32 { return s.watch.pid.Load() }
