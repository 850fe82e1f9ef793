package dev.switchboard.support.redis;

/**
 * Tells a Redis that cannot be reached for now from a command that failed. Lettuce
 * reports a connection that is down as its own exceptions (a failed connect, a command
 * timeout, a command rejected with "not connected"), and Spring Data Redis passes the
 * last one on as a plain {@code RedisSystemException}, the type it also uses for a wrong
 * command (or as the cause of a {@code RedisPipelineException}). The Lettuce exception in
 * the causes tells them apart; it is matched by name, as Lettuce is optional.
 */
public final class RedisFailures {

    private RedisFailures() {
    }

    /**
     * Whether the failure, or any of its causes, is Lettuce saying that Redis cannot be
     * reached for now.
     * @param failure the failure
     * @return {@code true} if Redis was unavailable
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            String name = cause.getClass().getName();
            if (name.equals("io.lettuce.core.RedisConnectionException")
                    || name.equals("io.lettuce.core.RedisCommandTimeoutException")
                    || (name.equals("io.lettuce.core.RedisException")
                            && String.valueOf(cause.getMessage()).contains("not connected"))) {
                return true;
            }
        }
        return false;
    }

}
