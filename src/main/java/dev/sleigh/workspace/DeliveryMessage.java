package dev.sleigh.workspace;

import dev.sleigh.domain.Commission;

/**
 * The message of a delivery commit: the commission's title as the subject, then the commission and
 * the decision revision it executed, also as trailers a script can read.
 */
record DeliveryMessage(Commission commission, String baseCommit) {

  String text() {
    Commission.DecisionRef decision = commission.decision();
    return commission.title()
        + "\n\n"
        + "Work of commission "
        + commission.id()
        + " ("
        + commission.title()
        + "), executing"
        + " decision "
        + decision.id()
        + " at revision "
        + decision.revision()
        + ".\n\n"
        + "Sleigh-Commission: "
        + commission.id()
        + "\n"
        + "Sleigh-Decision: "
        + decision.id()
        + "\n"
        + "Sleigh-Decision-Revision: "
        + decision.revision()
        + "\n"
        + "Sleigh-Base: "
        + baseCommit
        + "\n";
  }
}
