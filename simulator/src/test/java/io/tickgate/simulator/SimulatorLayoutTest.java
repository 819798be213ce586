package io.tickgate.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import io.tickgate.model.venue.Venue;
import io.tickgate.simulator.testing.VenueSpellings;
import io.tickgate.simulator.venue.SimulatedVenue;
import io.tickgate.simulator.venue.SimulatedVenues;
import io.tickgate.simulator.venue.VenueSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's layout as rules (issue 12): a simulated venue is its own package
 * ({@code io.tickgate.simulator.venue.<name>}, found through its registered {@link SimulatedVenue}), nothing outside it
 * names the venue (a {@link Venue} constant, or its name in a class, member or string) or reaches into it, venue
 * packages do not reach into each other, and packages have no cycles. So adding a venue touches its package only
 * (plus the feed's and the configuration's defaults).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorLayoutTest {

    private static JavaClasses simulator;
    private static List<String> venuePackages;

    @BeforeAll
    static void importSimulator() {
        simulator = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tickgate.simulator");
        venuePackages = new ArrayList<>();
        for (SimulatedVenue sv : SimulatedVenues.all()) {
            venuePackages.add(sv.getClass().getPackageName());
        }
    }

    @Test
    void everyShippedVenueIsRegisteredInAPackageOfItsOwn() {
        assertThat(SimulatedVenues.all()).extracting(SimulatedVenue::venue).contains(Venue.BINANCE, Venue.OKX);
        for (SimulatedVenue sv : SimulatedVenues.all()) {
            assertThat(sv.getClass().getPackageName()).isEqualTo("io.tickgate.simulator.venue." + sv.venue().id());
            assertThat(sv.defaults()).containsKeys(VenueSettings.PORT, VenueSettings.CONNECT_ATTEMPTS,
                    VenueSettings.CONNECT_WINDOW_MILLIS);
        }
        assertThat(venuePackages).doesNotHaveDuplicates();
    }

    @Test
    void noVenueIsNamedOutsideItsPackage() throws IllegalAccessException {
        ClassesShouldConjunction rule = null;
        for (Field f : Venue.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Venue.class) {
                rule = rule == null
                        ? noClasses().that(outsideVenuePackages()).should().accessField(Venue.class, f.getName())
                        : rule.orShould().accessField(Venue.class, f.getName());
            }
        }
        assertThat(rule).as("Venue declares its shipped venues as constants").isNotNull();
        rule.because("a simulated venue's name, settings and spelling belong in its package").check(simulator);
    }

    /**
     * Beyond the {@link Venue} constants: no class outside the venue packages spells a registered venue's name in
     * its own name, a member's name ({@code binancePort()}, {@code okxSubscribeRequestsPerHour}) or a string constant
     * ({@code Venue.of("okx")}, {@code "BTC-" + quote}-style spellings keyed on a venue); compared word by word
     * (camel case and punctuation split), ignoring case.
     */
    @Test
    void noClassOutsideAVenuePackageSpellsAVenuesName() {
        List<String> ids = new ArrayList<>();
        SimulatedVenues.all().forEach(sv -> ids.add(sv.venue().id()));
        List<String> found = VenueSpellings.find(simulator, outsideVenuePackages(), ids);
        assertThat(found).as("venue names outside the venue packages %s (settings, spelling and branches belong "
                + "in the venue's SimulatedVenue)", venuePackages).isEmpty();
    }

    @Test
    void nothingOutsideAVenuePackageReachesIntoIt() {
        for (String p : venuePackages) {
            noClasses().that().resideOutsideOfPackage(p + "..").should().dependOnClassesThat().resideInAPackage(p + "..")
                    .because("a simulated venue plugs in through its SimulatedVenue (ServiceLoader) only")
                    .check(simulator);
        }
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.tickgate.simulator.(*)..").should().beFreeOfCycles().check(simulator);
    }

    private static DescribedPredicate<JavaClass> outsideVenuePackages() {
        return DescribedPredicate.describe("reside outside the simulated venues' packages " + venuePackages,
                c -> venuePackages.stream().noneMatch(p -> c.getPackageName().startsWith(p)));
    }
}
