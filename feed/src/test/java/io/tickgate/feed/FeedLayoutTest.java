package io.tickgate.feed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tickgate.feed.venue.Venues;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.testing.VenueSpellings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's layout as rules (issue 12): one package per venue and no venue named outside it (by a {@link Venue}
 * constant or its name in a class, member or string), packages without cycles, every venue found through its adapter.
 */
class FeedLayoutTest {

    private static JavaClasses feed;

    @BeforeAll
    static void importFeed() {
        feed = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tickgate.feed");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.tickgate.feed.(*)..").should().beFreeOfCycles().check(feed);
    }

    @Test
    void venuesAreTheirPackagesOwn() {
        noClasses().that().resideOutsideOfPackage("io.tickgate.feed.venues..")
                .should().dependOnClassesThat().resideInAPackage("io.tickgate.feed.venues..")
                .because("a venue plugs in through its VenueAdapter only").check(feed);
    }

    @Test
    void venuePackagesDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("io.tickgate.feed.venues.binance..")
                .should().dependOnClassesThat().resideInAPackage("io.tickgate.feed.venues.okx..").check(feed);
        noClasses().that().resideInAPackage("io.tickgate.feed.venues.okx..")
                .should().dependOnClassesThat().resideInAPackage("io.tickgate.feed.venues.binance..").check(feed);
    }

    @Test
    void noVenueIsNamedOutsideItsPackage() {
        noClasses().that().resideOutsideOfPackage("io.tickgate.feed.venues..")
                .should().accessField(Venue.class, "BINANCE").orShould().accessField(Venue.class, "OKX")
                .because("branching on a venue belongs in its adapter").check(feed);
    }

    /**
     * Beyond the {@link Venue} constants: no class outside {@code venues.*} spells a venue's name in its own name, a
     * member's name or a string constant ({@code Venue.of("okx")}, {@code "binance".equals(id)}); compared word by
     * word (camel case and punctuation split), ignoring case.
     */
    @Test
    void noClassOutsideTheVenuesSpellsAVenuesName() {
        List<String> ids = new ArrayList<>();
        Venues.all().forEach(v -> ids.add(v.id()));
        List<String> found = VenueSpellings.find(feed,
                c -> !c.getPackageName().startsWith("io.tickgate.feed.venues"), ids);
        assertThat(found).as("venue names outside io.tickgate.feed.venues (they belong in the venue's adapter)")
                .isEmpty();
    }

    @Test
    void everyShippedVenueHasAnAdapter() {
        assertThat(Venues.all()).contains(Venue.BINANCE, Venue.OKX);
        for (Venue v : Venues.all()) {
            assertThat(Venues.adapter(v).venue()).isEqualTo(v);
        }
        assertThat(Venues.parse(" OKX ")).isEqualTo(Venue.OKX);
    }

    @Test
    void anUnknownVenueIsAClearError() {
        assertThatThrownBy(() -> Venues.parse("nosuchvenue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown venue \"nosuchvenue\"").hasMessageContaining("binance, okx");
    }
}
