/** One schema change; `version` numbers are applied in order, each exactly once. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'catalog',
    sql: `
      CREATE TABLE videos (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        facts TEXT,
        status TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'done', 'failed')),
        error TEXT,
        analysis_fps REAL,
        models TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        analysed_at TEXT
      );
      CREATE INDEX videos_path ON videos (path);

      CREATE TABLE tracks (
        id INTEGER PRIMARY KEY,
        video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
        track INTEGER NOT NULL CHECK (track > 0),
        start REAL NOT NULL,
        end REAL NOT NULL CHECK (end >= start),
        thumbnail_path TEXT,
        thumbnail_t REAL,
        thumbnail_box TEXT,
        face_count INTEGER NOT NULL,
        best_face_quality REAL,
        detection_count INTEGER NOT NULL,
        UNIQUE (video_id, track)
      );

      CREATE TABLE detections (
        track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
        t REAL NOT NULL,
        box TEXT NOT NULL,
        score REAL NOT NULL
      );
      CREATE INDEX detections_track ON detections (track_id, t);

      CREATE TABLE faces (
        track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
        t REAL NOT NULL,
        box TEXT NOT NULL,
        score REAL NOT NULL,
        landmarks TEXT NOT NULL,
        quality REAL NOT NULL
      );
      CREATE INDEX faces_track ON faces (track_id, t);

      -- AUTOINCREMENT: an embedding id is a vector-index key and must never be reused.
      CREATE TABLE embeddings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('face', 'body')),
        t REAL NOT NULL,
        dimensions INTEGER NOT NULL CHECK (dimensions > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dimensions)
      );
      CREATE INDEX embeddings_track ON embeddings (track_id);
      CREATE INDEX embeddings_kind ON embeddings (kind, dimensions);

      CREATE TABLE searches (
        id INTEGER PRIMARY KEY,
        requester TEXT NOT NULL,
        query_kind TEXT NOT NULL CHECK (query_kind IN ('photo', 'track', 'face')),
        photo_hash TEXT,
        chosen_face TEXT,
        result_count INTEGER NOT NULL,
        searched_at TEXT NOT NULL
      );

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        hash TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        owner TEXT,
        heartbeat_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX jobs_state ON jobs (state, id);
      CREATE INDEX jobs_path ON jobs (path);
    `,
  },
];
