package dev.sleigh.store.jdbc;

import dev.sleigh.domain.CheckpointRef;
import dev.sleigh.lifecycle.CheckpointPack;
import dev.sleigh.store.CommissionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the checkpoints table: one pack per commission and commit, written with its event. */
final class CheckpointRows {
  private static final String INSERT =
      """
      INSERT INTO checkpoints
        (commission_id, commit_id, tree_id, base_commit, size, pack, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (commission_id, commit_id) DO NOTHING""";
  private static final String SELECT_PACK =
      "SELECT pack FROM checkpoints WHERE commission_id = ? AND commit_id = ?";
  private static final String SELECT_ALL =
      """
      SELECT commit_id, tree_id, base_commit, size, created_at
      FROM checkpoints WHERE commission_id = ? ORDER BY created_at, commit_id""";
  private static final String DELETE_ALL = "DELETE FROM checkpoints WHERE commission_id = ?";

  private CheckpointRows() {}

  /** Stores the pack unless the commission already has this commit (the same tree again). */
  static void insert(Connection c, String commissionId, CheckpointPack checkpoint, Instant at)
      throws SQLException {
    CheckpointRef ref = checkpoint.ref();
    try (PreparedStatement p = c.prepareStatement(INSERT)) {
      p.setString(1, commissionId);
      p.setString(2, ref.commit());
      p.setString(3, ref.tree());
      p.setString(4, ref.base());
      p.setLong(5, ref.size());
      p.setBytes(6, checkpoint.pack());
      p.setLong(7, at.toEpochMilli());
      p.executeUpdate();
    }
  }

  static Optional<byte[]> pack(Connection c, String commissionId, String commit)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(SELECT_PACK)) {
      p.setString(1, commissionId);
      p.setString(2, commit);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  static List<CommissionStore.StoredCheckpoint> all(Connection c, String commissionId)
      throws SQLException {
    List<CommissionStore.StoredCheckpoint> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(SELECT_ALL)) {
      p.setString(1, commissionId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new CommissionStore.StoredCheckpoint(
                  new CheckpointRef(
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                  Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    }
    return out;
  }

  static int deleteAll(Connection c, String commissionId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(DELETE_ALL)) {
      p.setString(1, commissionId);
      return p.executeUpdate();
    }
  }
}
