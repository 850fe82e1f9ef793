package dev.switchboard.history.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.switchboard.history.HistoryProperties;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Page sizes, cursors, and cutting one page from a query. A cursor is opaque to clients:
 * it encodes a position of one kind (a conversation sequence, a feed sequence), and a
 * cursor of one kind is refused where another is expected.
 */
@Component
public class Paging {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HistoryProperties properties;

    Paging(HistoryProperties properties) {
        this.properties = properties;
    }

    /**
     * The page size a request asked for.
     * @param requested the {@code limit} parameter, or null
     * @return the size
     * @throws InvalidRequestException if it is out of range
     */
    public int limit(Integer requested) {
        if (requested == null) {
            return this.properties.defaultPageSize();
        }
        if (requested < 1 || requested > this.properties.maxPageSize()) {
            throw new InvalidRequestException("invalid-request",
                    "limit must be between 1 and " + this.properties.maxPageSize() + ".");
        }
        return requested;
    }

    /**
     * Encodes a position.
     * @param kind what the position counts ({@code m} for a conversation's messages, ...)
     * @param position the position
     * @return the cursor
     */
    public static String encode(String kind, long position) {
        return ENCODER.encodeToString((kind + "." + position).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decodes a cursor.
     * @param kind the kind it must be
     * @param cursor the cursor, or null
     * @param absent the position when there is no cursor
     * @return the position
     * @throws InvalidRequestException if the cursor is malformed or of another kind
     */
    public static long decode(String kind, String cursor, long absent) {
        if (cursor == null) {
            return absent;
        }
        try {
            String text = new String(DECODER.decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(kind + ".")) {
                long position = Long.parseLong(text.substring(kind.length() + 1));
                if (position >= 0) {
                    return position;
                }
            }
        }
        catch (IllegalArgumentException ex) {
            // falls through to the refusal
        }
        throw new InvalidRequestException("invalid-cursor", "The cursor is not one this API handed out.");
    }

    /**
     * Runs a query for one page. The query is asked for one row more than the page holds,
     * which tells whether another page follows without counting.
     * @param <T> the row type
     * @param limit the page size
     * @param query the query, given how many rows to return at most
     * @return the page
     */
    public static <T> Rows<T> fetch(int limit, Function<Limit, List<T>> query) {
        List<T> fetched = query.apply(Limit.of(limit + 1));
        boolean more = fetched.size() > limit;
        return new Rows<>(more ? fetched.subList(0, limit) : fetched, more);
    }

    /**
     * The rows of one page.
     *
     * @param <T> the row type
     * @param shown the rows the page shows, in the query's order
     * @param more whether rows follow beyond the page
     */
    public record Rows<T>(List<T> shown, boolean more) {

        /**
         * The position of the page's last row.
         * @param position the position of a row
         * @param empty the position when the page is empty
         * @return the position
         */
        public long lastPosition(ToLongFunction<? super T> position, long empty) {
            return this.shown.isEmpty() ? empty : position.applyAsLong(this.shown.get(this.shown.size() - 1));
        }

        /**
         * The cursor of the next page.
         * @param kind what the position counts
         * @param position the position of a row
         * @return the cursor after the page's last row, or null if no rows follow
         */
        public String next(String kind, ToLongFunction<? super T> position) {
            return this.more ? encode(kind, lastPosition(position, 0)) : null;
        }

    }

}
