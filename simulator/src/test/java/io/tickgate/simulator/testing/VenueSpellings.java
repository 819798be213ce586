package io.tickgate.simulator.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The layout rule that no class outside a venue's package spells a venue's name: in its own name, a member's name
 * ({@code binancePort()}) or a string constant ({@code Venue.of("okx")}, {@code "binance".equals(id)}); compared word
 * by word (camel case and punctuation split), ignoring case. The feed's and the simulator's layout tests check it on
 * their own classes.
 */
public final class VenueSpellings {

    /** Splits identifiers and text into words: at punctuation and camel-case humps ({@code OKXPort} → OKX, Port). */
    private static final Pattern WORDS =
            Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private VenueSpellings() {
    }

    /**
     * Where the classes that {@code outsideTheVenues} accepts spell one of {@code venueIds}: one
     * {@code class: "text"} per word found (the text being the class's simple name, a member's name or a string
     * constant); empty if none.
     */
    public static List<String> find(Iterable<JavaClass> classes, Predicate<? super JavaClass> outsideTheVenues,
                                    Collection<String> venueIds) {
        List<String> ids = new ArrayList<>();
        venueIds.forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!outsideTheVenues.test(c)) {
                continue;
            }
            List<String> spelled = new ArrayList<>();
            spelled.add(c.getName().substring(c.getPackageName().length() + 1));
            c.getMembers().forEach(m -> spelled.add(m.getName()));
            spelled.addAll(ClassStrings.of(c.reflect()));
            for (String text : spelled) {
                for (String word : WORDS.split(text)) {
                    if (ids.contains(word.toLowerCase(Locale.ROOT))) {
                        found.add(c.getName() + ": \"" + text + "\"");
                    }
                }
            }
        }
        return found;
    }
}
