package dev.sleigh.http;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.view.CommissionDetailView.LogTailView;
import dev.sleigh.view.ResultView.ChangesView;
import java.util.List;
import java.util.Optional;

/**
 * What the detail of a commission shows from outside the store: the change its workspace or latest
 * checkpoint holds, with its diff stat, and the tails of the logs its attempts wrote. The server is
 * given one by whoever starts it; {@link #NONE} knows of neither.
 */
public interface CommissionFiles {
  CommissionFiles NONE =
      new CommissionFiles() {
        @Override
        public Optional<ChangesView> changes(CommissionRecord commission) {
          return Optional.empty();
        }

        @Override
        public List<LogTailView> logTails(CommissionRecord commission) {
          return List.of();
        }
      };

  /** The change, when there is one that can be read. */
  Optional<ChangesView> changes(CommissionRecord commission);

  /** The last lines of each log of the commission, in the order the attempts wrote them. */
  List<LogTailView> logTails(CommissionRecord commission);
}
