package dev.threadline.domain.error;

/** A command was refused because a named rule of the domain does not hold. */
public final class DomainRuleViolation extends ThreadlineException {

    private static final long serialVersionUID = 1L;

    private final String rule;

    /**
     * @param rule a short stable name of the rule, such as {@code thread-has-running-turn}
     * @param message one sentence saying what is wrong
     */
    public DomainRuleViolation(String rule, String message) {
        super(message, null);
        this.rule = rule;
    }

    /** The rule's stable name. */
    public String rule() {
        return rule;
    }

    @Override
    public Category category() {
        return Category.REFUSED;
    }
}
